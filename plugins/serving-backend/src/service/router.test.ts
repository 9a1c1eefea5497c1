import net from 'node:net';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, HttpResponse } from 'msw';
import {
  CassandraClient,
  CouchDbClient,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import {
  customerCaseHandlers,
  FAKE_COUCHDB,
  fakeCassandra,
  FakeRow,
  setupFakeCouchDb,
} from '../__testUtils__/fakeStores';
import {
  servingEntity,
  startServingBackend,
} from '../__testUtils__/testBackend';

const { server, requests } = setupFakeCouchDb();
const at = (s: string) => new Date(`2026-03-01T10:00:${s}Z`);
const rows: FakeRow[] = [
  {
    sku: 'SKU-1',
    warehouse: 'w1',
    available: 7,
    updated_at: at('00'),
    writtenAt: at('01.5').getTime(),
  },
  {
    sku: 'SKU-1',
    warehouse: 'w2',
    available: 3,
    updated_at: at('10'),
    writtenAt: at('11').getTime(),
  },
  {
    sku: 'SKU-2',
    warehouse: 'w1',
    available: 0,
    updated_at: at('20'),
    writtenAt: at('24').getTime(),
  },
];
const cases = [
  {
    _id: '42',
    customer_id: 42,
    open_tickets: 2,
    updated_at: '2026-03-01T10:00:00Z',
    written_at: '2026-03-01T10:00:02Z',
  },
  {
    _id: '43',
    customer_id: 43,
    open_tickets: 0,
    updated_at: '2026-03-01T10:00:05Z',
    written_at: '2026-03-01T10:00:06Z',
  },
];
const projection = 'resource:default/cassandra.inventory.inventory_projection';
const job = 'component:default/customer-case-builder';
const entities = [
  servingEntity(
    'cassandra.inventory.inventory_projection',
    'cassandra:inventory.inventory_projection',
  ),
  servingEntity(
    'customer-case-builder',
    'couchdb:customer_case, cassandra:support.customer_case_cache',
    'Component',
  ),
  servingEntity('hostile', 'cassandra:inventory.x";DROP,couchdb:../_users'),
  servingEntity('plain', undefined),
];

describe('serving router', () => {
  it('lists the targets of an entity from its annotation, without asking the stores', async () => {
    const { call } = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows).driver,
    });
    const { status, body } = await call(`/targets?entityRef=${job}`);
    expect(status).toBe(200);
    expect(body.targets).toEqual([
      {
        id: 'couchdb:customer_case',
        store: 'couchdb',
        target: 'customer_case',
        instance: 'local',
        uiUrl: 'http://couch.ui/_utils/',
      },
      {
        id: 'cassandra:support.customer_case_cache',
        store: 'cassandra',
        target: 'support.customer_case_cache',
        instance: 'local',
      },
    ]);
    expect(requests).toHaveLength(0);
  });

  it('answers Cassandra figures: exact rows, last WRITETIME and latency from updated_at', async () => {
    const cassandra = fakeCassandra(rows);
    const { call } = await startServingBackend({
      entities,
      cassandra: cassandra.driver,
    });
    const { status, body } = await call(`/stats?entityRef=${projection}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'cassandra:inventory.inventory_projection',
      status: 'ready',
      rows: { count: 3, method: 'exact' },
      lastWrite: {
        at: '2026-03-01T10:00:24.000Z',
        source: 'newest WRITETIME(updated_at) over all rows',
      },
      latency: { p50Ms: 1500, p95Ms: 4000, samples: 3, column: 'updated_at' },
      lookup: {
        via: 'inventory.inventory_projection',
        fields: [
          { name: 'sku', type: 'text', required: true },
          { name: 'warehouse', type: 'text', required: false },
        ],
      },
    });
    expect(body.latency.definition).toMatch(
      /^WRITETIME\(updated_at\) − updated_at/,
    );
    // Cached for a few seconds: a second card on the page costs nothing.
    const before = cassandra.statements.length;
    await call(`/stats?entityRef=${projection}`);
    expect(cassandra.statements).toHaveLength(before);
  });

  it('answers CouchDB figures: documents less design documents, written_at and latency', async () => {
    server.use(...customerCaseHandlers(cases));
    const { call } = await startServingBackend({ entities });
    const { status, body } = await call(
      `/stats?entityRef=${job}&target=couchdb:customer_case`,
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      rows: { count: 2, method: 'exact' },
      lastWrite: { at: '2026-03-01T10:00:06.000Z' },
      latency: { p50Ms: 1000, p95Ms: 2000, samples: 2, column: 'updated_at' },
      lookup: {
        via: 'customer_case/_design/customer_case/_view/customer_case',
      },
    });
  });

  it('says a table that is not created yet is missing', async () => {
    const { call } = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows).driver,
    });
    const { status, body } = await call(
      `/stats?entityRef=${job}&target=cassandra:support.customer_case_cache`,
    );
    expect(status).toBe(200);
    expect(body.status).toBe('missing');
    expect(body.message).toMatch(
      /support.customer_case_cache does not exist in Cassandra yet/,
    );
  });

  it("looks up the OMS's stock of one SKU, row-limited, and audits which columns (not values)", async () => {
    const cassandra = fakeCassandra(rows);
    const { lookup, events, success, authorize } = await startServingBackend({
      entities,
      cassandra: cassandra.driver,
    });
    const { status, body } = await lookup({
      entityRef: projection,
      key: { sku: 'SKU-1', warehouse: '' },
      limit: 1,
    });
    expect(status).toBe(200);
    expect(body).toEqual({
      id: 'cassandra:inventory.inventory_projection',
      store: 'cassandra',
      limit: 1,
      query:
        'SELECT * FROM inventory.inventory_projection WHERE sku = ? LIMIT 1',
      rows: [
        {
          sku: 'SKU-1',
          warehouse: 'w1',
          available: 7,
          updated_at: '2026-03-01T10:00:00.000Z',
        },
      ],
      truncated: true,
    });
    expect(cassandra.statements.at(-1)?.params).toEqual(['SKU-1']);
    expect(authorize.mock.calls[0][0]).toEqual([
      {
        permission: expect.objectContaining({
          name: 'dataplatform.serving.lookup',
        }),
        resourceRef: projection,
      },
    ]);
    expect(events[0]).toEqual({
      eventId: 'lookup',
      meta: {
        entityRef: projection,
        target: 'cassandra:inventory.inventory_projection',
        keyColumns: ['sku', 'warehouse'],
        limit: 1,
      },
    });
    expect(JSON.stringify(events)).not.toContain('SKU-1');
    expect(success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ rowCount: 1 }),
    });
  });

  it("looks up the support agent's case by customer id in the CouchDB view", async () => {
    server.use(...customerCaseHandlers(cases));
    const { lookup } = await startServingBackend({ entities });
    const { status, body } = await lookup({
      entityRef: job,
      target: 'couchdb:customer_case',
      key: { key: '42' },
    });
    expect(status).toBe(200);
    expect(body.rows).toEqual([
      {
        _id: '42',
        customer_id: 42,
        open_tickets: 2,
        updated_at: '2026-03-01T10:00:00Z',
        written_at: '2026-03-01T10:00:02Z',
      },
    ]);
    expect(body.query).toBe(
      'customer_case/_design/customer_case/_view/customer_case?key=42&limit=20&include_docs=true',
    );
  });

  it('reads only the entity’s own targets: another target id is 404, a hostile annotation 400', async () => {
    const { call, lookup } = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows).driver,
    });
    const other = await lookup({
      entityRef: projection,
      target: 'couchdb:customer_case',
      key: { key: '42' },
    });
    expect(other.status).toBe(404);
    expect(other.body.error.message).toMatch(
      /has no serving target "couchdb:customer_case"; its targets: cassandra:inventory.inventory_projection/,
    );
    const hostile = await call('/stats?entityRef=resource:default/hostile');
    expect(hostile.status).toBe(400);
    expect(hostile.body.error.message).toMatch(
      /dataplatform.io\/serving-sinks of resource:default\/hostile/,
    );
    const plain = await call('/targets?entityRef=resource:default/plain');
    expect(plain.status).toBe(404);
    expect(requests).toHaveLength(0);
  });

  it.each([
    [{ entityRef: projection, key: {} }, /give 1-8 key values/],
    [{ entityRef: projection, key: { sku: ' ' } }, /non-blank/],
    [
      { entityRef: projection, key: { 'sku"; DROP': 'x' } },
      /key\.sku"; DROP: Invalid key/,
    ],
    [{ entityRef: projection, key: { sku: 'x' }, limit: 101 }, /limit/],
    [
      { entityRef: projection, key: { sku: 'x' }, sql: 'SELECT 1' },
      /Unrecognized key/,
    ],
    [
      { entityRef: projection, target: 'cassandra:a;b', key: { sku: 'x' } },
      /target must be/,
    ],
  ])('refuses a bad lookup request %j', async (body, message) => {
    const { lookup } = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows).driver,
    });
    const res = await lookup(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
  });

  it('refuses a value the key column cannot hold, and a column that is not in the key', async () => {
    const cassandra = fakeCassandra(rows);
    const { lookup } = await startServingBackend({
      entities,
      cassandra: cassandra.driver,
    });
    const res = await lookup({
      entityRef: projection,
      key: { available: '1' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /not key columns of inventory.inventory_projection/,
    );
    expect(
      cassandra.statements.filter(s => s.query.startsWith('SELECT *')),
    ).toHaveLength(0);
  });

  it('refuses the lookup without the permission, and to a service principal', async () => {
    const denied = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows).driver,
      decision: AuthorizeResult.DENY,
    });
    const res = await denied.lookup({
      entityRef: projection,
      key: { sku: 'SKU-1' },
    });
    expect(res.status).toBe(403);
    const service = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows).driver,
    });
    const asService = await service.lookup(
      { entityRef: projection, key: { sku: 'SKU-1' } },
      { Authorization: mockCredentials.service.header() },
    );
    expect(asService.status).toBe(403);
    expect(service.authorize).not.toHaveBeenCalled();
  });

  it('answers 503 naming cassandra within 5 s when it is down', async () => {
    const closed = net.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise(r => closed.close(r));
    const cassandra = new CassandraClient({
      contactPoints: [`127.0.0.1:${port}`],
      localDataCenter: 'datacenter1',
    });
    const registry = new UpstreamRegistry({
      flink: [],
      kafka: [],
      kafkaConnect: [],
      nessie: [],
      trino: [],
      cassandra: [{ name: 'local', client: cassandra }],
    });
    const { call, lookup } = await startServingBackend({ entities, registry });
    const stats = await call(`/stats?entityRef=${projection}`);
    const rowsOf = await lookup({
      entityRef: projection,
      key: { sku: 'SKU-1' },
    });
    await cassandra.close();
    for (const res of [stats, rowsOf]) {
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(
        new RegExp(
          `^cassandra: describeTable inventory.inventory_projection failed: cannot reach 127.0.0.1:${port}`,
        ),
      );
      expect(res.ms).toBeLessThan(5000);
    }
  });

  it('answers 503 naming cassandra within 5 s when it hangs', async () => {
    const { call } = await startServingBackend({
      entities,
      cassandra: fakeCassandra(rows, { hang: true }).driver,
    });
    const res = await call(`/stats?entityRef=${projection}`);
    expect(res.status).toBe(503);
    expect(res.body.error.message).toBe(
      'cassandra: describeTable inventory.inventory_projection timed out after 4000 ms',
    );
    expect(res.ms).toBeLessThan(5000);
  });

  it('answers 503 naming couchdb when it is down', async () => {
    server.use(
      http.get(`${FAKE_COUCHDB}/customer_case`, () => HttpResponse.error()),
    );
    const { call } = await startServingBackend({ entities });
    const res = await call(
      `/stats?entityRef=${job}&target=couchdb:customer_case`,
    );
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^couchdb: GET \/customer_case failed: cannot reach http:\/\/couchdb.test:5984/,
    );
  });

  it('says which store is not configured', async () => {
    const registry = new UpstreamRegistry({
      flink: [],
      kafka: [],
      kafkaConnect: [],
      nessie: [],
      trino: [],
      couchdb: [
        { name: 'local', client: new CouchDbClient({ baseUrl: FAKE_COUCHDB }) },
      ],
    });
    const { call } = await startServingBackend({ entities, registry });
    const res = await call(`/stats?entityRef=${projection}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'no cassandra instance is configured (dataPlatform.upstreams.cassandra)',
    );
  });
});
