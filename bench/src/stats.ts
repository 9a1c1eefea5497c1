/** Summary of a sample: count, extremes, nearest-rank percentiles and mean. */
export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * Nearest-rank percentile (the smallest value with at least p% of the sample at or below it):
 * always a value that was measured, never an interpolation between two.
 */
export function percentile(values: number[], p: number): number {
  if (!values.length) throw new Error('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile ${p} not in (0, 100]`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)];
}

export function summarize(values: number[]): Summary | undefined {
  const finite = values.filter(v => Number.isFinite(v));
  if (!finite.length) return undefined;
  return {
    n: finite.length,
    min: Math.min(...finite),
    p50: percentile(finite, 50),
    p95: percentile(finite, 95),
    max: Math.max(...finite),
    mean: finite.reduce((a, b) => a + b, 0) / finite.length,
  };
}

/** ours / baseline, undefined when either is missing or the baseline is zero. */
export function ratio(
  ours: number | undefined,
  baseline: number | undefined,
): number | undefined {
  if (ours === undefined || baseline === undefined || baseline === 0)
    return undefined;
  return ours / baseline;
}

/** Median of the values (the p50 above), or undefined for none. */
export const median = (values: number[]) =>
  values.length ? percentile(values, 50) : undefined;
