import { Change, TrafficModel } from './model';

/** A repeatable random source (mulberry32). */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('TrafficModel', () => {
  const changes: Change[] = [];
  const model = new TrafficModel(seeded(42), { customers: 10, skus: 5 });
  for (let i = 0; i < 5000; i++) changes.push(model.next());
  const kinds = new Set(changes.map(c => c.kind));

  it('produces every kind of change the five use cases read', () => {
    expect([...kinds].sort()).toEqual(
      [
        'browse',
        'customer-update',
        'fraud-burst',
        'new-order',
        'order-status',
        'payment',
        'restock',
        'ticket',
        'ticket-progress',
      ].sort(),
    );
  });

  it('includes the fraud pattern: at least three failed attempts before the checkout', () => {
    const bursts = changes.filter(c => c.kind === 'fraud-burst');
    expect(bursts.length).toBeGreaterThan(50);
    for (const b of bursts)
      expect(b.kind === 'fraud-burst' && b.failures).toBeGreaterThanOrEqual(3);
  });

  it('stays inside the world it was given', () => {
    const customers = changes.flatMap(c =>
      'customerId' in c && c.customerId !== undefined ? [c.customerId] : [],
    );
    const skus = changes.flatMap(c => ('sku' in c ? [c.sku] : []));
    expect(Math.min(...customers)).toBe(1);
    expect(Math.max(...customers)).toBe(10);
    expect([...new Set(skus)].sort()).toEqual([
      'SKU-1',
      'SKU-2',
      'SKU-3',
      'SKU-4',
      'SKU-5',
    ]);
  });

  it('moves orders forward through the lifecycle', () => {
    const flows = changes.filter(c => c.kind === 'order-status');
    const seen = new Set(
      flows.map(c => c.kind === 'order-status' && `${c.pick}->${c.status}`),
    );
    expect([...seen].sort()).toEqual([
      'open->CANCELLED',
      'open->PAID',
      'paid->SHIPPED',
      'shipped->DELIVERED',
    ]);
  });
});
