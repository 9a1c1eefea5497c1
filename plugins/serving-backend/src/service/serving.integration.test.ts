import { Client } from 'cassandra-driver';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { servingPlugin } from '../plugin';
import { servingEntity } from '../__testUtils__/testBackend';
import { couchAdmin, stores } from '../__testUtils__/stack';

// The serving backend against the real Cassandra and CouchDB of the local stack: a per-run
// keyspace/table and database/view with known rows, read through /api/serving as the card does
// (figures and lookup by key), all dropped afterwards.
jest.setTimeout(120_000);

const name = `it_sv_${Date.now()}`;
const admin = couchAdmin();
const auth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString(
  'base64',
)}`;
const couch = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${stores.couchdb}/${path}`, {
    method,
    headers: { Authorization: auth, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
/** Setup fails loudly when CouchDB refuses a write (expect() belongs in tests only). */
async function created(res: Promise<Response>) {
  const r = await res;
  if (r.status !== 201)
    throw new Error(
      `couchdb setup: ${r.url} answered ${r.status}: ${await r.text()}`,
    );
}
const cql = new Client({
  contactPoints: stores.cassandra,
  localDataCenter: stores.dataCenter,
});
const entityRef = `resource:default/${name}`;
const sourceAt = new Date(Date.now() - 1500);

describe('serving backend on the real stores', () => {
  let call: (
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: any; ms: number }>;

  beforeAll(async () => {
    await cql.execute(
      `CREATE KEYSPACE ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    );
    await cql.execute(
      `CREATE TABLE ${name}.stock (sku text, warehouse text, available int, updated_at timestamp, PRIMARY KEY ((sku), warehouse))`,
    );
    for (const [sku, warehouse, available] of [
      ['SKU-1', 'w1', 7],
      ['SKU-1', 'w2', 3],
      ['SKU-2', 'w1', 0],
    ] as const)
      await cql.execute(
        `INSERT INTO ${name}.stock (sku, warehouse, available, updated_at) VALUES (?, ?, ?, ?)`,
        [sku, warehouse, available, sourceAt],
        { prepare: true },
      );
    await created(couch(name, 'PUT'));
    await created(
      couch(`${name}/_design/${name}`, 'PUT', {
        language: 'javascript',
        views: {
          [name]: { map: 'function (doc) { emit(doc.customer_id, null); }' },
        },
      }),
    );
    for (const [id, updated, written] of [
      ['42', '2026-03-01T10:00:00.000Z', '2026-03-01T10:00:01.200Z'],
      ['43', '2026-03-01T10:00:05.000Z', '2026-03-01T10:00:05.800Z'],
    ])
      await created(
        couch(`${name}/${id}`, 'PUT', {
          customer_id: Number(id),
          open_tickets: 1,
          updated_at: updated,
          written_at: written,
        }),
      );

    const { server } = await startTestBackend({
      features: [
        servingPlugin,
        mockServices.rootConfig.factory({
          data: {
            dataPlatform: {
              upstreams: {
                cassandra: [
                  {
                    name: 'local',
                    contactPoints: stores.cassandra,
                    localDataCenter: stores.dataCenter,
                  },
                ],
                couchdb: [{ name: 'local', url: stores.couchdb, ...admin }],
              },
            },
          },
        }),
        catalogServiceMock.factory({
          entities: [
            servingEntity(name, `cassandra:${name}.stock,couchdb:${name}`),
            servingEntity(`${name}-missing`, `cassandra:${name}.nope`),
          ],
        }),
      ],
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    call = async (path, body) => {
      const started = Date.now();
      const res = await fetch(`http://localhost:${port}/api/serving${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers:
          body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return {
        status: res.status,
        body: await res.json(),
        ms: Date.now() - started,
      };
    };
  });

  afterAll(async () => {
    await cql.execute(`DROP KEYSPACE IF EXISTS ${name}`).catch(() => undefined);
    await cql.shutdown();
    await couch(name, 'DELETE').catch(() => undefined);
  });

  it('counts the Cassandra rows exactly, with the last write and its latency from updated_at', async () => {
    const { status, body, ms } = await call(
      `/stats?entityRef=${entityRef}&target=cassandra:${name}.stock`,
    );
    expect(status).toBe(200);
    expect(ms).toBeLessThan(5000);
    expect(body).toMatchObject({
      status: 'ready',
      rows: { count: 3, method: 'exact' },
      latency: { samples: 3, column: 'updated_at' },
      lookup: {
        fields: [
          { name: 'sku', required: true },
          { name: 'warehouse', required: false },
        ],
      },
    });
    const lastWrite = Date.parse(body.lastWrite.at);
    expect(lastWrite).toBeGreaterThanOrEqual(sourceAt.getTime() + 1000);
    expect(lastWrite).toBeLessThanOrEqual(Date.now());
    // Each row was written ≥ 1.5 s after its updated_at (the test's own clock): what the card calls latency.
    expect(body.latency.p50Ms).toBeGreaterThanOrEqual(1400);
    expect(body.latency.p95Ms).toBeLessThan(60_000);
  });

  it("looks up one SKU's stock by key, row-limited", async () => {
    const { status, body } = await call('/lookup', {
      entityRef,
      target: `cassandra:${name}.stock`,
      key: { sku: 'SKU-1' },
      limit: 1,
    });
    expect(status).toBe(200);
    expect(body.rows).toEqual([
      {
        sku: 'SKU-1',
        warehouse: 'w1',
        available: 7,
        updated_at: sourceAt.toISOString(),
      },
    ]);
    expect(body.truncated).toBe(true);
  });

  it('counts the CouchDB documents without the design document, and reads written_at − updated_at', async () => {
    const { status, body } = await call(
      `/stats?entityRef=${entityRef}&target=couchdb:${name}`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      rows: { count: 2, method: 'exact' },
      lastWrite: { at: '2026-03-01T10:00:05.800Z' },
      latency: { p50Ms: 800, p95Ms: 1200, samples: 2, column: 'updated_at' },
      lookup: { via: `${name}/_design/${name}/_view/${name}` },
    });
  });

  it("looks up a customer's case by key in the view", async () => {
    const { status, body } = await call('/lookup', {
      entityRef,
      target: `couchdb:${name}`,
      key: { key: '42' },
    });
    expect(status).toBe(200);
    expect(body.rows).toEqual([
      {
        _id: '42',
        customer_id: 42,
        open_tickets: 1,
        updated_at: '2026-03-01T10:00:00.000Z',
        written_at: '2026-03-01T10:00:01.200Z',
      },
    ]);
    const none = await call('/lookup', {
      entityRef,
      target: `couchdb:${name}`,
      key: { key: '404' },
    });
    expect(none.body.rows).toEqual([]);
  });

  it('says a table that does not exist is missing', async () => {
    const { status, body } = await call(
      `/stats?entityRef=resource:default/${name}-missing`,
    );
    expect(status).toBe(200);
    expect(body.status).toBe('missing');
  });
});
