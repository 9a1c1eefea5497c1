import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { h0, h1, h2, startApp } from './__testUtils__/testApp';
import { PipelineRegistryTables } from './service/entityTables';

// The Versions tab's table routes against Nessie's REST API v2 and the pipeline registry, both
// answered by msw as the real ones answer (shapes taken from Nessie 0.99 and /api/pipeline).
const NESSIE = 'http://nessie.test/api/v2';
const REGISTRY = 'http://backstage.test/api/pipeline';
// The router under test listens on loopback: those calls are the test's own, let through.
const server = setupServer(
  http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
);
registerMswTestHooks(server);
const seen: URL[] = [];
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url);
  if (url.hostname !== '127.0.0.1') seen.push(url);
});
beforeEach(() => {
  seen.length = 0;
});

const registry = UpstreamRegistry.fromConfig(
  new ConfigReader({
    dataPlatform: {
      upstreams: {
        nessie: [{ name: 'local', url: 'http://nessie.test' }],
        trino: [
          {
            name: 'local',
            url: 'http://trino.test',
            user: 'portal',
            catalog: 'lakehouse',
          },
        ],
      },
    },
  }),
);

const entity = (
  kind: string,
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', annotations },
  spec: { owner: 'finance-team' },
});
// The Component names one table in its annotation; its pipeline claims two in the registry.
const pipelineComponent = entity('Component', 'finance-fact-sink', {
  'dataplatform.io/nessie-branch': 'finance/daily',
  'dataplatform.io/paimon-table': 'commerce.finance_reconciliation',
});
const tableResource = entity('Resource', 'commerce.finance_fact', {
  'dataplatform.io/nessie-branch': 'finance/daily',
  'dataplatform.io/paimon-table': 'commerce.finance_fact',
});
const componentRef = 'component:default/finance-fact-sink';
const resourceRef = 'resource:default/commerce.finance_fact';

const iceberg = (snapshotId: number) => ({
  type: 'ICEBERG_TABLE',
  id: 'c0ffee00-0000-4000-8000-000000000000',
  metadataLocation: `s3://paimon/warehouse/commerce.db/finance_fact/metadata/v${snapshotId}.metadata.json`,
  snapshotId,
  schemaId: 0,
  specId: 0,
  sortOrderId: 0,
});
const put = (key: string, snapshotId: number) => ({
  type: 'PUT',
  key: { elements: key.split('.') },
  content: iceberg(snapshotId),
});

function registryAnswers(tables: string[] | undefined) {
  server.use(
    http.get(`${REGISTRY}/tables`, ({ request }) => {
      expect(request.headers.get('authorization')).toMatch(/^Bearer /);
      const entityRef = new URL(request.url).searchParams.get('entityRef');
      if (!tables || entityRef !== componentRef)
        return HttpResponse.json(
          { error: { name: 'NotFoundError', message: 'no pipeline' } },
          { status: 404 },
        );
      return HttpResponse.json({
        pipeline: 'default/finance-fact-sink',
        tables: tables.map(name => ({ instance: 'local', name })),
      });
    }),
  );
}

async function app() {
  return startApp({
    registry,
    entities: [pipelineComponent, tableResource],
    pipelineTables: new PipelineRegistryTables(
      {
        getBaseUrl: async () => REGISTRY,
        getExternalBaseUrl: async () => REGISTRY,
      },
      mockServices.auth(),
    ),
  });
}

describe('table history routes', () => {
  let running: Awaited<ReturnType<typeof startApp>> | undefined;
  afterEach(() => running?.close());

  it("lists main's commits of the pipeline's claimed tables, not of its annotation or the request", async () => {
    registryAnswers([
      'commerce.payment_fact',
      'commerce.finance_fact',
      'evil;drop.x',
    ]);
    let filter: string | null = null;
    server.use(
      http.get(`${NESSIE}/trees/main/history`, ({ request }) => {
        const q = new URL(request.url).searchParams;
        expect(q.get('fetch')).toBe('ALL');
        expect(q.get('max-records')).toBe('2');
        filter = q.get('filter');
        return HttpResponse.json({
          hasMore: true,
          token: 'next-page',
          logEntries: [
            {
              commitMeta: {
                hash: h2,
                message: 'commerce.finance_fact: Paimon snapshot 16 (COMPACT)',
                authors: ['finance-fact-sink'],
                committer: '',
                authorTime: '2026-12-03T10:00:01Z',
                allProperties: {
                  'paimon.table': ['commerce.finance_fact'],
                  'paimon.snapshot-id': ['16'],
                  'paimon.commit-kind': ['COMPACT'],
                  'paimon.commit-time': ['1796313512688'],
                  'paimon.commit-user': [
                    'portal-restore-finance-restore-20261203-101500_536b5ec7-213a-4539-a007-efac8d1bba9c',
                  ],
                },
              },
              operations: [put('commerce.finance_fact', 16)],
            },
            {
              commitMeta: {
                hash: h1,
                message: 'commerce.payment_fact: Paimon snapshot 7 (APPEND)',
                authors: ['finance-fact-sink'],
                allProperties: {
                  'paimon.snapshot-id': ['7'],
                  'paimon.commit-kind': ['APPEND'],
                  'paimon.commit-time': ['1796313500000'],
                  'paimon.commit-user': [
                    '146f6337-144c-4b82-8f62-842adec4d5e4',
                  ],
                },
              },
              operations: [
                put('commerce.payment_fact', 7),
                // Another pipeline's key in the same commit is not shown.
                put('commerce.marketing_segments', 3),
              ],
            },
          ],
        });
      }),
    );
    running = await app();
    const res = await running.call(
      'GET',
      `/table-commits?${new URLSearchParams({
        entityRef: componentRef,
        limit: '2',
        tables: 'commerce.orders',
      })}`,
    );
    // `tables` is not a parameter of the route: the registry's tables are used.
    expect(res.status).toBe(400);
    const ok = await running.call(
      'GET',
      `/table-commits?${new URLSearchParams({
        entityRef: componentRef,
        limit: '2',
      })}`,
    );
    expect(ok.status).toBe(200);
    expect(filter).toBe(
      "operations.exists(op, op.key in ['commerce.finance_fact', 'commerce.payment_fact'])",
    );
    expect(ok.body).toEqual({
      entityRef: componentRef,
      ref: 'main',
      tables: {
        tables: ['commerce.finance_fact', 'commerce.payment_fact'],
        source: 'registry',
        pipeline: 'default/finance-fact-sink',
      },
      entries: [
        {
          hash: h2,
          kind: 'restore',
          message: 'commerce.finance_fact: Paimon snapshot 16 (COMPACT)',
          author: 'finance-fact-sink',
          time: new Date(1796313512688).toISOString(),
          commitKind: 'COMPACT',
          changes: [{ table: 'commerce.finance_fact', snapshotId: 16 }],
          restorePoint: 'finance-restore-20261203-101500',
        },
        {
          hash: h1,
          kind: 'paimon-snapshot',
          message: 'commerce.payment_fact: Paimon snapshot 7 (APPEND)',
          author: 'finance-fact-sink',
          time: new Date(1796313500000).toISOString(),
          commitKind: 'APPEND',
          changes: [{ table: 'commerce.payment_fact', snapshotId: 7 }],
        },
      ],
      nextPageToken: 'next-page',
    });
  });

  it('uses the annotation for an entity that is not a pipeline, without asking the registry', async () => {
    registryAnswers(['commerce.payment_fact']);
    let filter: string | null = null;
    server.use(
      http.get(`${NESSIE}/trees/main/history`, ({ request }) => {
        filter = new URL(request.url).searchParams.get('filter');
        return HttpResponse.json({ logEntries: [] });
      }),
    );
    running = await app();
    const res = await running.call(
      'GET',
      `/table-commits?${new URLSearchParams({ entityRef: resourceRef })}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.tables).toEqual({
      tables: ['commerce.finance_fact'],
      source: 'annotation',
    });
    expect(filter).toBe(
      "operations.exists(op, op.key in ['commerce.finance_fact'])",
    );
    expect(seen.some(u => u.href.startsWith(REGISTRY))).toBe(false);
  });

  it("falls back to a Component's annotation when the registry does not know it", async () => {
    registryAnswers(undefined);
    server.use(
      http.get(`${NESSIE}/trees/main/history`, () =>
        HttpResponse.json({ logEntries: [] }),
      ),
    );
    running = await app();
    const res = await running.call(
      'GET',
      `/table-commits?${new URLSearchParams({ entityRef: componentRef })}`,
    );
    expect(res.body.tables).toEqual({
      tables: ['commerce.finance_reconciliation'],
      source: 'annotation',
    });
  });

  it('says the registry is down (503) rather than showing other tables', async () => {
    server.use(http.get(`${REGISTRY}/tables`, () => HttpResponse.error()));
    running = await app();
    const res = await running.call(
      'GET',
      `/table-commits?${new URLSearchParams({ entityRef: componentRef })}`,
    );
    expect(res.status).toBe(503);
    expect(res.body.error.message).toContain(
      'the pipeline registry cannot be reached',
    );
  });

  it('lists the tags under the prefix with the table states they pin and the Trino query that reads them', async () => {
    registryAnswers(['commerce.finance_fact', 'commerce.payment_fact']);
    const contentsAsked: string[] = [];
    server.use(
      http.get(`${NESSIE}/trees`, () =>
        HttpResponse.json({
          references: [
            { type: 'BRANCH', name: 'main', hash: h0 },
            { type: 'BRANCH', name: 'finance/daily', hash: h0 },
            { type: 'TAG', name: 'finance/daily-20261124', hash: h1 },
            { type: 'TAG', name: 'finance/restore-20261203-101500', hash: h2 },
            { type: 'TAG', name: 'marketing/daily-20261124', hash: h2 },
          ],
        }),
      ),
      http.get(`${NESSIE}/trees/:ref/contents`, ({ request, params }) => {
        const ref = decodeURIComponent(String(params.ref));
        contentsAsked.push(ref);
        expect(new URL(request.url).searchParams.getAll('key')).toEqual([
          'commerce.finance_fact',
          'commerce.payment_fact',
        ]);
        const contents =
          ref === 'finance/daily-20261124'
            ? [
                {
                  key: { elements: ['commerce', 'finance_fact'] },
                  content: iceberg(85),
                },
                {
                  key: { elements: ['commerce', 'payment_fact'] },
                  content: iceberg(12),
                },
              ]
            : [
                {
                  key: { elements: ['commerce', 'finance_fact'] },
                  content: iceberg(90),
                },
              ];
        return HttpResponse.json({
          contents,
          effectiveReference: { type: 'TAG', name: ref, hash: h1 },
        });
      }),
    );
    running = await app();
    const res = await running.call(
      'GET',
      `/releases?${new URLSearchParams({ entityRef: componentRef })}`,
    );
    expect(res.status).toBe(200);
    expect(contentsAsked.sort()).toEqual([
      'finance/daily-20261124',
      'finance/restore-20261203-101500',
    ]);
    expect(res.body.prefix).toBe('finance/');
    expect(res.body.releases).toEqual([
      {
        name: 'finance/restore-20261203-101500',
        hash: h2,
        kind: 'restore-point',
        paimonTag: 'finance-restore-20261203-101500',
        tables: [
          {
            table: 'commerce.finance_fact',
            snapshotId: 90,
            trinoQuery:
              'SELECT * FROM lakehouse.commerce.finance_fact FOR VERSION AS OF CAST(90 AS BIGINT)',
          },
          { table: 'commerce.payment_fact' },
        ],
      },
      {
        name: 'finance/daily-20261124',
        hash: h1,
        kind: 'release',
        paimonTag: 'finance-daily-20261124',
        tables: [
          {
            table: 'commerce.finance_fact',
            snapshotId: 85,
            trinoQuery:
              'SELECT * FROM lakehouse.commerce.finance_fact FOR VERSION AS OF CAST(85 AS BIGINT)',
          },
          {
            table: 'commerce.payment_fact',
            snapshotId: 12,
            trinoQuery:
              'SELECT * FROM lakehouse.commerce.payment_fact FOR VERSION AS OF CAST(12 AS BIGINT)',
          },
        ],
      },
    ]);
  });

  it("diffs two refs: the entity's tables that changed with both snapshots, others counted", async () => {
    registryAnswers(['commerce.finance_fact', 'commerce.payment_fact']);
    server.use(
      http.get(`${NESSIE}/trees/:from/diff/:to`, ({ params }) => {
        expect(decodeURIComponent(String(params.from))).toBe(
          'finance/daily-20261124',
        );
        expect(params.to).toBe('main');
        return HttpResponse.json({
          diffs: [
            {
              key: { elements: ['commerce', 'finance_fact'] },
              from: iceberg(85),
              to: iceberg(120),
            },
            {
              key: { elements: ['commerce', 'marketing_segments'] },
              from: iceberg(2),
              to: iceberg(4),
            },
            {
              key: { elements: ['commerce', 'fraud_signals'] },
              from: null,
              to: iceberg(1),
            },
          ],
        });
      }),
      http.get(`${NESSIE}/trees/:ref/contents`, ({ params }) => {
        const ref = decodeURIComponent(String(params.ref));
        return HttpResponse.json({
          contents: [
            {
              key: { elements: ['commerce', 'finance_fact'] },
              content: iceberg(ref === 'main' ? 120 : 85),
            },
          ],
          effectiveReference: { type: 'BRANCH', name: ref, hash: h0 },
        });
      }),
    );
    running = await app();
    const res = await running.call(
      'GET',
      `/table-diff?${new URLSearchParams({
        entityRef: componentRef,
        from: 'finance/daily-20261124',
        to: 'main',
      })}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: 'finance/daily-20261124',
      to: 'main',
      tables: [
        {
          table: 'commerce.finance_fact',
          change: 'modified',
          fromSnapshotId: 85,
          toSnapshotId: 120,
        },
      ],
      otherKeys: 2,
    });
  });

  it('refuses a malformed ref before Nessie is asked', async () => {
    registryAnswers(['commerce.finance_fact']);
    running = await app();
    const res = await running.call(
      'GET',
      `/table-diff?${new URLSearchParams({
        entityRef: componentRef,
        from: '../main',
        to: 'main',
      })}`,
    );
    expect(res.status).toBe(400);
    expect(seen.some(u => u.href.startsWith(NESSIE))).toBe(false);
  });
});
