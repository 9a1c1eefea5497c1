import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { delay, http, HttpResponse } from 'msw';
import { FAKE_TRINO, setupFakeTrino } from '../__testUtils__/fakeTrino';
import { startTrinoBackend, tableEntity } from '../__testUtils__/testBackend';

const orders = 'resource:default/commerce.orders';
const { server, statements } = setupFakeTrino();

const entities = [
  tableEntity('commerce.orders', 'commerce.orders', {
    'dataplatform.io/freshness-slo-seconds': '300',
  }),
  tableEntity('commerce.finance_fact', 'commerce.finance_fact'),
  tableEntity('no-table', undefined),
];

describe('trino router', () => {
  it('answers the overview with quoted prepared queries, columns and the latest snapshot', async () => {
    const { call } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const { status, body } = await call(`/overview?entityRef=${orders}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ready',
      uiUrl: 'http://trino.ui/ui/',
      table: { qualifiedName: '"lakehouse"."commerce"."orders"' },
      freshnessColumn: 'updated_at',
      latestSnapshotId: '72',
    });
    const sql = Object.fromEntries(
      body.queries.map((q: any) => [q.kind, q.sql]),
    );
    expect(sql.preview).toBe(
      'SELECT * FROM "lakehouse"."commerce"."orders" LIMIT 100',
    );
    expect(sql.freshness).toBe(
      'SELECT max("updated_at") AS newest_data FROM "lakehouse"."commerce"."orders"',
    );
    expect(sql.timeTravel).toBe(
      'SELECT * FROM "lakehouse"."commerce"."orders" FOR VERSION AS OF CAST(72 AS BIGINT) LIMIT 100',
    );
    expect(sql.snapshots).toContain(
      '"lakehouse"."commerce"."orders$snapshots"',
    );
    // a Nessie tag is read through the snapshot it pins (the catalog reads main)
    expect(sql.atNessieTag).toBe(
      'SELECT * FROM "lakehouse"."commerce"."orders" FOR VERSION AS OF CAST(<snapshotId of commerce.orders at the tag> AS BIGINT) LIMIT 100',
    );
  });

  it('says a table Trino does not have is missing, and the preview answers 404', async () => {
    const { call, preview } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const overview = await call(
      '/overview?entityRef=resource:default/commerce.finance_fact',
    );
    expect(overview.body).toMatchObject({ status: 'missing' });
    expect(overview.body.message).toMatch(/does not exist in Trino yet/);
    const run = await preview({
      entityRef: 'resource:default/commerce.finance_fact',
      query: 'preview',
    });
    expect(run.status).toBe(404);
    expect(run.body.error.message).toMatch(/not readable in Trino yet/);
  });

  it('tells how to add the annotation when the entity has none', async () => {
    const { call } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const { status, body } = await call(
      '/overview?entityRef=resource:default/no-table',
    );
    expect(status).toBe(404);
    expect(body.error.message).toContain(
      'dataplatform.io/paimon-table: commerce.<table>',
    );
  });

  it('runs a preview with the limit, audits it with the row count', async () => {
    const { preview, events, success } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const { status, body } = await preview({
      entityRef: orders,
      query: 'preview',
      limit: 1,
    });
    expect(status).toBe(200);
    expect(body.rows).toEqual([[1, 'PAID', '2026-11-24 08:39:52.000']]);
    expect(body.columns[2]).toEqual({
      name: 'updated_at',
      type: 'timestamp(6)',
    });
    expect(statements).toEqual([
      'SELECT * FROM "lakehouse"."commerce"."orders" LIMIT 1',
    ]);
    expect(events).toEqual([
      {
        eventId: 'preview',
        severityLevel: 'low',
        meta: expect.objectContaining({
          entityRef: orders,
          queryKind: 'preview',
        }),
      },
    ]);
    expect(success).toHaveBeenCalledWith({
      meta: expect.objectContaining({ rowCount: 1 }),
    });
  });

  it('time-travels with a bigint snapshot id', async () => {
    const { preview } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const { status } = await preview({
      entityRef: orders,
      query: 'timeTravel',
      snapshotId: '3',
    });
    expect(status).toBe(200);
    expect(statements).toEqual([
      'SELECT * FROM "lakehouse"."commerce"."orders" FOR VERSION AS OF CAST(3 AS BIGINT) LIMIT 50',
    ]);
  });

  it.each([
    ['a limit of 10000', { query: 'preview', limit: 10000 }],
    ['a limit of 0', { query: 'preview', limit: 0 }],
    [
      'a snapshot id with SQL in it',
      { query: 'timeTravel', snapshotId: '1; DROP TABLE orders' },
    ],
    ['a snapshot id as a number', { query: 'timeTravel', snapshotId: 1 }],
    ['time travel without a snapshot id', { query: 'timeTravel' }],
    ['an unknown query kind', { query: 'delete' }],
    ['SQL in the request', { query: 'preview', sql: 'DROP TABLE x' }],
    [
      'a table in the request',
      { query: 'preview', table: 'commerce.payments' },
    ],
  ])('answers 400 to %s and runs nothing', async (_, fields) => {
    const { preview, authorize, events } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const { status, body } = await preview({ entityRef: orders, ...fields });
    expect(status).toBe(400);
    expect(body.error.name).toBe('InputError');
    expect(statements).toEqual([]);
    expect(authorize).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('answers 403 when the policy denies, without calling Trino or auditing a run', async () => {
    const { preview, authorize, events } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
      decision: AuthorizeResult.DENY,
    });
    const { status } = await preview({ entityRef: orders, query: 'count' });
    expect(status).toBe(403);
    expect(authorize).toHaveBeenCalledWith(
      [
        expect.objectContaining({
          permission: expect.objectContaining({
            name: 'dataplatform.trino.preview',
          }),
          resourceRef: orders,
        }),
      ],
      expect.anything(),
    );
    expect(statements).toEqual([]);
    expect(events).toEqual([]);
  });

  it('compares the age of the newest data with the SLO of the annotation', async () => {
    const { call } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const { status, body } = await call(`/freshness?entityRef=${orders}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      source: 'column',
      column: 'updated_at',
      newestDataAt: new Date(1_795_509_700_000).toISOString(),
      lastCommitAt: new Date(1_795_509_710_500).toISOString(),
      sloSeconds: 300,
      sloSource: 'annotation',
    });
    expect(typeof body.ageSeconds).toBe('number');
  });

  it('keeps links and queries when Trino is down, and the preview says Trino is unavailable', async () => {
    server.use(
      http.post(`${FAKE_TRINO}/v1/statement`, () => HttpResponse.error()),
    );
    const { call, preview } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const overview = await call(`/overview?entityRef=${orders}`);
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      status: 'unavailable',
      uiUrl: 'http://trino.ui/ui/',
    });
    expect(overview.body.message).toMatch(/^trino: /);
    expect(overview.body.queries.length).toBeGreaterThan(3);
    const run = await preview({ entityRef: orders, query: 'count' });
    expect(run.status).toBe(503);
  });

  it('answers within 5 s when Trino hangs', async () => {
    server.use(
      http.post(`${FAKE_TRINO}/v1/statement`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const { call } = await startTrinoBackend({
      trinoUrl: FAKE_TRINO,
      entities,
    });
    const started = Date.now();
    const overview = await call(`/overview?entityRef=${orders}`);
    expect(Date.now() - started).toBeLessThan(5500);
    expect(overview.body).toMatchObject({ status: 'unavailable' });
    expect(overview.body.message).toMatch(/timed out/);
  }, 10_000);
});
