/**
 * A small TTL cache that also coalesces concurrent loads: while one load of a key is under
 * way, every other caller of that key waits for the same promise, so a page of cards hitting
 * the same upstream costs one request. Failures are not cached.
 *
 * @public
 */
export class CoalescingCache {
  private readonly values = new Map<
    string,
    { value: unknown; expires: number }
  >();
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries?: number;
      now?: () => number;
    },
  ) {}

  async get<T>(
    key: string,
    load: () => Promise<T>,
    ttlMs = this.options.ttlMs,
  ): Promise<T> {
    const now = this.options.now?.() ?? Date.now();
    const hit = this.values.get(key);
    if (hit && hit.expires > now) return hit.value as T;
    const pending = this.inFlight.get(key);
    if (pending) return pending as Promise<T>;

    const promise = load()
      .then(value => {
        this.store(key, value, (this.options.now?.() ?? Date.now()) + ttlMs);
        return value;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, promise);
    return promise;
  }

  /** Drops a key, e.g. after a destructive call changed what it holds. */
  invalidate(prefix: string): void {
    for (const key of this.values.keys())
      if (key.startsWith(prefix)) this.values.delete(key);
  }

  private store(key: string, value: unknown, expires: number) {
    this.values.delete(key);
    this.values.set(key, { value, expires });
    const max = this.options.maxEntries ?? 1000;
    // Maps iterate in insertion order: the first key is the oldest.
    while (this.values.size > max)
      this.values.delete(this.values.keys().next().value!);
  }
}
