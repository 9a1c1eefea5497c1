import fs from 'node:fs';
import path from 'node:path';
import {
  logBeganWithState,
  parseStartTimes,
  startsByComponent,
} from './startTimes';
import type { Row } from './table';

/**
 * Stack cold/warm start per component from the records every `infra/local/stack start` writes
 * (`.state/logs/start-times.log`), instead of stopping the shared stack the way
 * infra/local/bench-start does. The state dir's creation is taken from its `secrets` dir, the
 * first thing `start` makes.
 */
export function stackStartRows(
  stackDir: string,
  current?: string[],
): { rows: Row[]; raw: unknown } {
  const state = path.join(stackDir, '.state');
  const logFile = path.join(state, 'logs/start-times.log');
  if (!fs.existsSync(logFile))
    throw new Error(`no ${logFile}: has the stack ever started?`);
  const records = parseStartTimes(fs.readFileSync(logFile, 'utf8'));
  const birth = (() => {
    try {
      const s = fs.statSync(path.join(state, 'secrets'));
      return s.birthtimeMs > 0 ? s.birthtimeMs : undefined;
    } catch {
      return undefined;
    }
  })();
  const coldKnown = logBeganWithState(records, birth);
  // Components the stack no longer has (renamed or retired) keep their old records: left out.
  const all = startsByComponent(records, coldKnown);
  const starts = current ? all.filter(c => current.includes(c.component)) : all;
  const s = (v: number | undefined) =>
    v === undefined ? '—' : `${v.toFixed(1)} s`;
  const rows: Row[] = starts.map(c => ({
    figure: `Stack start: ${c.component} (cold / warm median of ${c.warmCount})`,
    unit: 's',
    oursText: `${s(c.cold)} / ${s(c.warmMedian)}`,
  }));
  return {
    rows,
    raw: {
      source: 'infra/local/.state/logs/start-times.log',
      records: records.length,
      stateCreated: birth && new Date(birth).toISOString(),
      coldKnown,
      starts,
      retired: all.filter(c => !starts.includes(c)).map(c => c.component),
    },
  };
}
