import { ratio } from './stats';

export type Unit = 's' | 'ms' | 'kB' | 'calls' | 'errors' | '';

/** What a figure must meet: at most `max` (in the row's unit), at most `ratioMax` × the baseline, or both. */
export interface Target {
  max?: number;
  ratioMax?: number;
  /** Printed instead of the generated text, e.g. to name a floor. */
  text?: string;
}

/** One line of the table. A row without `ours` says why in `error` (never a made-up figure). */
export interface Row {
  figure: string;
  unit: Unit;
  ours?: number;
  baseline?: number;
  /** What the baseline is, printed beside its value. */
  baselineLabel?: string;
  /** Free text in place of a number, e.g. "cold 1.2 s / warm 0.8 s". */
  oursText?: string;
  target?: Target;
  error?: string;
}

export function formatValue(value: number, unit: Unit): string {
  const digits = (() => {
    if (unit === 'calls' || unit === '') return Math.abs(value) < 10 ? 2 : 0;
    if (unit === 'errors') return 0;
    if (unit === 'ms') return Math.abs(value) < 10 ? 1 : 0;
    return Math.abs(value) < 100 ? 1 : 0;
  })();
  const text = value.toFixed(digits);
  return unit ? `${text} ${unit}` : text;
}

export function targetText(t: Target | undefined, unit: Unit): string {
  if (!t) return '—';
  if (t.text) return t.text;
  const parts: string[] = [];
  if (t.ratioMax !== undefined) parts.push(`≤ ${t.ratioMax}× baseline`);
  if (t.max !== undefined)
    parts.push(
      unit === 'errors' && t.max === 0
        ? 'no error'
        : `≤ ${formatValue(t.max, unit)}`,
    );
  return parts.join(' and ');
}

/** yes / no / — (no target), and "no" when the figure could not be measured. */
export function met(row: Row): 'yes' | 'no' | '—' {
  const t = row.target;
  if (!t || (t.max === undefined && t.ratioMax === undefined)) return '—';
  if (row.ours === undefined) return 'no';
  if (t.max !== undefined && !(row.ours <= t.max)) return 'no';
  if (t.ratioMax !== undefined) {
    const r = ratio(row.ours, row.baseline);
    if (r === undefined || !(r <= t.ratioMax)) return 'no';
  }
  return 'yes';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The markdown table: figure, ours, baseline, ratio, target, met?. */
export function renderTable(rows: Row[]): string {
  const lines = [
    '| figure | ours | baseline | ratio | target | met? |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const ours =
      row.oursText ??
      (row.ours !== undefined
        ? formatValue(row.ours, row.unit)
        : `not measured: ${row.error ?? 'no value'}`);
    const baseline =
      row.baseline !== undefined
        ? `${formatValue(row.baseline, row.unit)}${
            row.baselineLabel ? ` (${row.baselineLabel})` : ''
          }`
        : row.baselineLabel ?? '—';
    const r = ratio(row.ours, row.baseline);
    lines.push(
      `| ${[
        row.figure,
        ours,
        baseline,
        r === undefined ? '—' : `${r.toFixed(2)}×`,
        targetText(row.target, row.unit),
        met(row),
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
