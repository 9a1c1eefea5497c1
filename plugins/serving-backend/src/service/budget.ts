import type { CallOptions } from '@internal/backstage-plugin-pipeline-node';

/** A backend call's time left: every upstream call of one request shares it (≤ 4 s in all). */
export class Budget {
  private readonly deadline: number;
  constructor(ms: number, private readonly now: () => number = Date.now) {
    this.deadline = now() + ms;
  }
  /** Call options for the next upstream call: whatever is left, at least 250 ms. */
  call(): CallOptions {
    return { timeoutMs: Math.max(250, this.deadline - this.now()) };
  }
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Times from a store: Date, ISO text, or epoch milliseconds. */
export function asTime(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'number' && Number.isFinite(value))
    return new Date(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[T ]/.test(value)) {
    // A timestamp without a zone is UTC on this platform (Debezium and Flink write UTC).
    const iso = /[zZ]|[+-]\d{2}:?\d{2}$/.test(value)
      ? value
      : `${value.replace(' ', 'T')}Z`;
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? undefined : at;
  }
  return undefined;
}

/** Latency figures of (write time − source time) pairs, the newest writes first. */
export function latencyOf(
  pairs: Array<{ writtenAt: Date; sourceAt: Date }>,
  samples: number,
) {
  const newest = [...pairs]
    .sort((a, b) => b.writtenAt.getTime() - a.writtenAt.getTime())
    .slice(0, samples)
    .map(p => p.writtenAt.getTime() - p.sourceAt.getTime())
    .sort((a, b) => a - b);
  if (newest.length === 0) return undefined;
  return {
    p50Ms: percentile(newest, 50),
    p95Ms: percentile(newest, 95),
    samples: newest.length,
  };
}
