import { FAKE_TRINO, setupFakeTrino } from '../__testUtils__/fakeTrino';
import { startTrinoBackend, tableEntity } from '../__testUtils__/testBackend';

const { statements } = setupFakeTrino();

/** Annotations a careless or hostile author could write; none may reach Trino. */
const unsafe = [
  'commerce.orders"; DROP TABLE commerce.orders; --',
  "commerce.orders' OR '1'='1",
  'commerce.orders;',
  'commerce.orders -- comment',
  'commerce.orders/*x*/',
  'commerce."orders"',
  'commerce.orders$snapshots',
  'lakehouse.commerce.orders',
  'orders',
  'Commerce.Orders',
  'commerce.оrders', // Cyrillic о
  'commerce.orders\u200b',
  'commerce.',
];

describe('hostile paimon-table annotations', () => {
  it.each(unsafe)('refuses %j before any request to Trino', async table => {
    const entity = tableEntity('hostile', table);
    const { call, preview } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities: [entity],
    });
    const ref = 'resource:default/hostile';
    for (const res of [
      await call(`/overview?entityRef=${ref}`),
      await call(`/freshness?entityRef=${ref}`),
      await call(`/snapshots?entityRef=${ref}`),
      await preview({ entityRef: ref, query: 'preview' }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/dataplatform\.io\/paimon-table/);
    }
    expect(statements).toEqual([]);
  });

  it('refuses an entity ref that is not a plain ref', async () => {
    const { call } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities: [],
    });
    const res = await call(
      `/overview?entityRef=${encodeURIComponent("resource:default/x' OR 1=1")}`,
    );
    expect(res.status).toBe(400);
    expect(statements).toEqual([]);
  });
});
