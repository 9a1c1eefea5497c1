import { median } from './stats';

/** One line of infra/local/.state/logs/start-times.log: `<ISO time> <component> <seconds>`. */
export interface StartRecord {
  at: number;
  component: string;
  seconds: number;
}

export interface ComponentStarts {
  component: string;
  /** The component's first start in this state dir, when the log began with the state dir. */
  cold?: number;
  /** Every later start (data present): median and how many. */
  warmMedian?: number;
  warmCount: number;
  latestWarm?: number;
}

const LINE = /^(\S+)\s+([a-z][a-z0-9-]*)\s+([0-9]+(?:\.[0-9]+)?)\s*$/;

/** Parses the log; lines that are not records (or have an unreadable time) are skipped. */
export function parseStartTimes(text: string): StartRecord[] {
  const out: StartRecord[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line.trim());
    if (!m) continue;
    const at = Date.parse(m[1]);
    if (!Number.isFinite(at)) continue;
    out.push({ at, component: m[2], seconds: Number(m[3]) });
  }
  return out;
}

/**
 * Cold = a component's first start in a fresh state dir (`stack start` writes a record per
 * component it started, and `rm -rf .state` removes the log with the data). That holds only if
 * the log was begun by the start that created the state dir: `coldKnown` says so (the caller
 * compares the first record with the state dir's creation). Warm = every later start.
 */
export function startsByComponent(
  records: StartRecord[],
  coldKnown: boolean,
): ComponentStarts[] {
  const order: string[] = [];
  const by = new Map<string, StartRecord[]>();
  for (const r of [...records].sort((a, b) => a.at - b.at)) {
    if (!by.has(r.component)) {
      by.set(r.component, []);
      order.push(r.component);
    }
    by.get(r.component)!.push(r);
  }
  return order.map(component => {
    const all = by.get(component)!;
    const warm = (coldKnown ? all.slice(1) : all).map(r => r.seconds);
    return {
      component,
      cold: coldKnown ? all[0].seconds : undefined,
      warmMedian: median(warm),
      warmCount: warm.length,
      latestWarm: warm.length ? warm[warm.length - 1] : undefined,
    };
  });
}

/**
 * Whether the log's first record belongs to the start that created the state dir: written
 * within `slackMs` of the state dir's creation (the first component starts in a few seconds).
 */
export function logBeganWithState(
  records: StartRecord[],
  stateCreatedAt: number | undefined,
  slackMs = 10 * 60_000,
): boolean {
  if (!records.length || stateCreatedAt === undefined) return false;
  const first = Math.min(...records.map(r => r.at));
  return first >= stateCreatedAt - 1000 && first - stateCreatedAt <= slackMs;
}
