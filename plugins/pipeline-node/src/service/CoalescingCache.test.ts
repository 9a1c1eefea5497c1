import { CoalescingCache } from './CoalescingCache';

describe('CoalescingCache', () => {
  it('coalesces concurrent loads of one key into one call', async () => {
    const cache = new CoalescingCache({ ttlMs: 1000 });
    const load = jest.fn(async () => 42);
    const all = await Promise.all([1, 2, 3].map(() => cache.get('k', load)));
    expect(all).toEqual([42, 42, 42]);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('serves from cache within the TTL and reloads after it', async () => {
    let now = 0;
    const cache = new CoalescingCache({ ttlMs: 1000, now: () => now });
    const load = jest.fn(async () => now);
    expect(await cache.get('k', load)).toBe(0);
    now = 999;
    expect(await cache.get('k', load)).toBe(0);
    now = 1001;
    expect(await cache.get('k', load)).toBe(1001);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not cache failures', async () => {
    const cache = new CoalescingCache({ ttlMs: 1000 });
    const load = jest
      .fn<Promise<number>, []>()
      .mockRejectedValueOnce(new Error('down'))
      .mockResolvedValueOnce(7);
    await expect(cache.get('k', load)).rejects.toThrow('down');
    expect(await cache.get('k', load)).toBe(7);
  });

  it('invalidates by prefix and evicts the oldest beyond maxEntries', async () => {
    const cache = new CoalescingCache({ ttlMs: 1000, maxEntries: 2 });
    const load = jest.fn(async () => 1);
    await cache.get('job:a', load);
    await cache.get('job:b', load);
    cache.invalidate('job:a');
    await cache.get('job:a', load);
    expect(load).toHaveBeenCalledTimes(3);
    await cache.get('other', load); // evicts job:b, the oldest
    await cache.get('job:b', load);
    expect(load).toHaveBeenCalledTimes(5);
  });
});
