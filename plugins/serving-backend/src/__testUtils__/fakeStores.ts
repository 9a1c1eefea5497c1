import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { CassandraDriver } from '@internal/backstage-plugin-pipeline-node';

export const FAKE_COUCHDB = 'http://couchdb.test:5984';

/** inventory.inventory_projection: sku (partition key), warehouse (clustering), available, updated_at. */
export const PROJECTION_COLUMNS = [
  { column_name: 'sku', kind: 'partition_key', position: 0, type: 'text' },
  { column_name: 'warehouse', kind: 'clustering', position: 0, type: 'text' },
  { column_name: 'available', kind: 'regular', position: -1, type: 'int' },
  {
    column_name: 'updated_at',
    kind: 'regular',
    position: -1,
    type: 'timestamp',
  },
];

export interface FakeRow {
  sku: string;
  warehouse: string;
  available: number;
  updated_at: Date;
  /** WRITETIME in ms (the fake answers microseconds, like Cassandra). */
  writtenAt: number;
}

/**
 * A Cassandra driver that answers the statements CassandraClient sends for one table from
 * memory, and records them. `hang` never answers (a stuck node).
 */
export function fakeCassandra(rows: FakeRow[], opts: { hang?: boolean } = {}) {
  const statements: Array<{ query: string; params: unknown[] }> = [];
  const driver: CassandraDriver = {
    connect: async () => undefined,
    execute: async (query, params = []) => {
      statements.push({ query, params });
      if (opts.hang) return new Promise(() => undefined);
      if (query.includes('system_schema.columns'))
        return {
          rows:
            params[0] === 'inventory' && params[1] === 'inventory_projection'
              ? PROJECTION_COLUMNS
              : [],
        };
      if (query.includes('system.size_estimates')) return { rows: [] };
      if (query.includes('WRITETIME'))
        return {
          rows: rows.map(r => ({
            sku: r.sku,
            wt: r.writtenAt * 1000,
            v: r.updated_at,
          })),
        };
      const where =
        /WHERE "sku" = \?( AND "warehouse" = \?)? LIMIT (\d+)$/.exec(query);
      if (where)
        return {
          rows: rows
            .filter(
              r =>
                r.sku === params[0] && (!where[1] || r.warehouse === params[1]),
            )
            .slice(0, Number(where[2]))
            .map(({ writtenAt, ...r }) => r),
        };
      throw new Error(`fake cassandra: unexpected statement ${query}`);
    },
    shutdown: async () => undefined,
  };
  return { driver, statements };
}

/** msw for one test file: the fake CouchDB's handlers are added per test. */
export function setupFakeCouchDb() {
  // The test backend itself listens on localhost: its own routes pass through.
  const localBackend = http.all(/^http:\/\/localhost:\d+\/api\//, () =>
    passthrough(),
  );
  const server = setupServer(localBackend);
  registerMswTestHooks(server);
  const requests: Request[] = [];
  server.events.on('request:start', ({ request }) => {
    if (!request.url.startsWith('http://localhost:')) requests.push(request);
  });
  beforeEach(() => {
    requests.length = 0;
  });
  return { server, requests };
}

export const customerCaseDesign = {
  _id: '_design/customer_case',
  _rev: '1-a',
  language: 'javascript',
  views: {
    customer_case: { map: 'function (doc) { emit(doc.customer_id, null); }' },
  },
};

/** Handlers of database customer_case with the given case documents. */
export function customerCaseHandlers(docs: Array<Record<string, unknown>>) {
  const base = `${FAKE_COUCHDB}/customer_case`;
  return [
    http.get(base, () =>
      HttpResponse.json({
        db_name: 'customer_case',
        doc_count: docs.length + 1,
        update_seq: docs.length + 1,
      }),
    ),
    http.get(`${base}/_all_docs`, () =>
      HttpResponse.json({
        rows: [{ id: customerCaseDesign._id, doc: customerCaseDesign }],
      }),
    ),
    http.get(`${base}/_changes`, () =>
      HttpResponse.json({
        results: docs.map((doc, i) => ({ id: doc._id, seq: i + 2, doc })),
      }),
    ),
    http.get(
      `${base}/_design/customer_case/_view/customer_case`,
      ({ request }) => {
        const q = new URL(request.url).searchParams;
        const key = JSON.parse(q.get('key')!);
        const matching = docs.filter(d => d.customer_id === key);
        return HttpResponse.json({
          rows: matching.slice(0, Number(q.get('limit'))).map(doc => ({
            id: doc._id,
            key,
            value: null,
            doc: { ...doc, _rev: '1-x' },
          })),
        });
      },
    ),
  ];
}
