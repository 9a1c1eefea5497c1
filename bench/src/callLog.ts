/** One request an upstream received, as the bench's counting proxies saw it. */
export interface Call {
  at: number;
  upstream: string;
  method: string;
  /** Path and query as sent, plus ` #<digest>` of a body: what the portal's caches key on. */
  resource: string;
  /** Path with ids replaced by `{id}`/`{n}`, e.g. `GET /jobs/{id}/checkpoints`. */
  endpoint: string;
}

const ID_SEGMENT = [
  /^[0-9a-f]{32}$/i, // Flink job / vertex ids
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // UUIDs (gateway handles)
  /^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/, // Trino query ids
  /^(?=.*\d)[A-Za-z0-9_-]{16,}$/, // opaque tokens (Trino's nextUri slugs)
];

/**
 * The endpoint a path addresses: ids and numbers replaced, the query (and the body digest the
 * proxy appends after a space) left out.
 */
export function normalizePath(method: string, pathAndQuery: string): string {
  const path = pathAndQuery.split(' ')[0].split('?')[0];
  const segments = path.split('/').map(s => {
    if (/^\d+$/.test(s)) return '{n}';
    return ID_SEGMENT.some(re => re.test(s)) ? '{id}' : s;
  });
  return `${method.toUpperCase()} ${segments.join('/')}`;
}

export class CallLog {
  readonly calls: Call[] = [];

  record(
    upstream: string,
    method: string,
    pathAndQuery: string,
    at = Date.now(),
  ) {
    this.calls.push({
      at,
      upstream,
      method: method.toUpperCase(),
      resource: `${method.toUpperCase()} ${pathAndQuery}`,
      endpoint: normalizePath(method, pathAndQuery),
    });
  }

  between(from: number, to: number): Call[] {
    return this.calls.filter(c => c.at >= from && c.at <= to);
  }
}

/** How many of the timestamps fall into the busiest half-open window [t, t + windowMs). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (j < i) j = i;
    while (j < sorted.length && sorted[j] - sorted[i] < windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

/**
 * The most requests one resource (same upstream, method, path and query) received within any
 * window of `windowMs`: 1 means the portal's caches let through at most one request per
 * resource per cache period.
 */
export function maxPerResourcePerWindow(
  calls: Call[],
  windowMs: number,
): { max: number; resource?: string } {
  const by = new Map<string, number[]>();
  for (const c of calls) {
    const key = `${c.upstream} ${c.resource}`;
    by.set(key, [...(by.get(key) ?? []), c.at]);
  }
  let best: { max: number; resource?: string } = { max: 0 };
  for (const [resource, times] of by) {
    const max = maxInWindow(times, windowMs);
    if (max > best.max) best = { max, resource };
  }
  return best;
}

/** Counts per key, largest first. */
export function countBy<T>(
  items: T[],
  key: (t: T) => string,
): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items)
    counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
