import { median, percentile, ratio, summarize } from './stats';

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('returns measured values, never interpolations', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([10, 20], 50)).toBe(10);
    expect(percentile([10, 20], 95)).toBe(20);
  });

  it('does not depend on the order of the sample', () => {
    const shuffled = [...hundred].reverse();
    expect(percentile(shuffled, 95)).toBe(95);
    expect(shuffled[0]).toBe(100);
  });

  it('takes the single value of a one-element sample', () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
  });

  it('refuses an empty sample and percentiles outside (0, 100]', () => {
    expect(() => percentile([], 50)).toThrow(/empty/);
    expect(() => percentile([1], 0)).toThrow(/not in/);
    expect(() => percentile([1], 101)).toThrow(/not in/);
  });
});

describe('summarize', () => {
  it('gives count, extremes, p50, p95 and mean of the finite values', () => {
    const s = summarize([5, 1, 3, NaN, 2, 4, Infinity]);
    expect(s).toEqual({ n: 5, min: 1, p50: 3, p95: 5, max: 5, mean: 3 });
  });

  it('is undefined for nothing measured', () => {
    expect(summarize([])).toBeUndefined();
    expect(summarize([NaN])).toBeUndefined();
  });
});

describe('ratio and median', () => {
  it('divides ours by the baseline', () => {
    expect(ratio(12, 10)).toBeCloseTo(1.2);
  });

  it('has no ratio without both figures or against zero', () => {
    expect(ratio(undefined, 10)).toBeUndefined();
    expect(ratio(1, undefined)).toBeUndefined();
    expect(ratio(1, 0)).toBeUndefined();
  });

  it('medians like p50', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeUndefined();
  });
});
