import type { AddressInfo } from 'node:net';
import {
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { trinoPlugin } from '../plugin';
import { readSourceCatalogs } from './SourceSchemaService';

const TRINO = 'http://trino.test:8085';
const sourceCatalogs = [
  { name: 'commerce_mariadb', kind: 'mariadb', schema: 'commerce' },
  { name: 'commerce_pg', kind: 'postgres', schema: 'public', title: 'PG' },
];

// What the source's own catalog says (through Trino's system.query pass-through).
const ORDERS = [
  ['id', 'bigint(20)', 0, 1],
  ['customer_id', 'int(11)', 0, 0],
  ['amount', 'decimal(12,2)', 0, 0],
  ['note', 'varchar(200)', 1, 0],
];
const PAYMENTS = [
  ['id', 'bigint', false, true],
  ['amount', 'numeric(12,2)', false, false],
  ['created_at', 'timestamp with time zone', false, false],
];

const statements: string[] = [];
let trinoDown = false;
const server = setupServer(
  http.all(/^http:\/\/localhost:\d+\/api\//, () => passthrough()),
  http.post(`${TRINO}/v1/statement`, async ({ request }) => {
    const sql = await request.text();
    statements.push(sql);
    if (trinoDown) return new HttpResponse(null, { status: 500 });
    const page = (columns: string[], data: unknown[][]) =>
      HttpResponse.json({
        id: `q${statements.length}`,
        columns: columns.map(name => ({ name, type: 'varchar' })),
        data,
        stats: { state: 'FINISHED' },
      });
    if (sql.includes('information_schema.tables'))
      return page(
        ['table_name'],
        sql.includes('"commerce_pg"')
          ? [['payments'], ['tickets']]
          : [['customers'], ['inventory'], ['orders'], ['Odd.Name']],
      );
    if (sql.includes('system.query'))
      return page(
        ['name', 'type', 'nullable', 'pk'],
        sql.includes('"commerce_pg"') ? PAYMENTS : ORDERS,
      );
    return HttpResponse.json({ id: 'x', error: { message: 'unexpected' } });
  }),
);
registerMswTestHooks(server);
beforeEach(() => {
  statements.length = 0;
  trinoDown = false;
});

async function startBackend() {
  const backend = await startTestBackend({
    features: [
      trinoPlugin,
      catalogServiceMock.factory({ entities: [] }),
      mockServices.rootConfig.factory({
        data: {
          dataPlatform: {
            upstreams: {
              trino: [
                {
                  name: 'local',
                  url: TRINO,
                  user: 'portal',
                  catalog: 'lakehouse',
                },
              ],
            },
            sourceCatalogs,
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return async (path: string) => {
    const res = await fetch(`http://localhost:${port}/api/trino${path}`);
    return { status: res.status, body: (await res.json()) as any };
  };
}

describe('source schema routes', () => {
  it('lists the configured sources only, never catalog details', async () => {
    const get = await startBackend();
    const res = await get('/sources');
    expect(res.body).toEqual({
      sources: [
        { name: 'commerce_mariadb', kind: 'mariadb', schema: 'commerce' },
        {
          name: 'commerce_pg',
          kind: 'postgres',
          schema: 'public',
          title: 'PG',
        },
      ],
    });
    expect(statements).toEqual([]);
  });

  it('lists a source’s tables through its Trino catalog, leaving names the spec cannot hold', async () => {
    const get = await startBackend();
    const res = await get('/sources/commerce_mariadb/tables');
    expect(res.body).toEqual({
      source: 'commerce_mariadb',
      tables: ['customers', 'inventory', 'orders'],
    });
    expect(statements).toEqual([
      `SELECT table_name FROM "commerce_mariadb".information_schema.tables WHERE table_schema = 'commerce' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    ]);
  });

  it('answers columns with the source’s own types and primary key (MariaDB)', async () => {
    const get = await startBackend();
    const res = await get('/sources/commerce_mariadb/tables/orders/columns');
    expect(res.body).toEqual({
      source: 'commerce_mariadb',
      table: 'orders',
      primaryKey: ['id'],
      columns: [
        { name: 'id', type: 'bigint(20)', nullable: false, primaryKey: true },
        {
          name: 'customer_id',
          type: 'int(11)',
          nullable: false,
          primaryKey: false,
        },
        {
          name: 'amount',
          type: 'decimal(12,2)',
          nullable: false,
          primaryKey: false,
        },
        {
          name: 'note',
          type: 'varchar(200)',
          nullable: true,
          primaryKey: false,
        },
      ],
    });
    const query = statements[statements.length - 1];
    expect(query).toMatch(
      /^SELECT \* FROM TABLE\("commerce_mariadb"\.system\.query\(query => 'SELECT column_name AS name, column_type AS type,/,
    );
    expect(query).toContain(
      "WHERE table_schema = ''commerce'' AND table_name = ''orders''",
    );
  });

  it('reads PostgreSQL columns from pg_catalog (visible to a read-only role)', async () => {
    const get = await startBackend();
    const res = await get('/sources/commerce_pg/tables/payments/columns');
    expect(res.body.primaryKey).toEqual(['id']);
    expect(res.body.columns[2]).toEqual({
      name: 'created_at',
      type: 'timestamp with time zone',
      nullable: false,
      primaryKey: false,
    });
    expect(statements[statements.length - 1]).toContain(
      "WHERE n.nspname = ''public'' AND c.relname = ''payments''",
    );
  });

  it.each([
    ['a source not in the allow-list', '/sources/system/tables', 404],
    [
      'a catalog name with a quote',
      `/sources/${encodeURIComponent('a"b')}/tables`,
      400,
    ],
    [
      'a table the source does not have',
      '/sources/commerce_mariadb/tables/secrets/columns',
      404,
    ],
    [
      'a table name that would end the pass-through string',
      `/sources/commerce_mariadb/tables/${encodeURIComponent(
        "x'')) --",
      )}/columns`,
      400,
    ],
    ['a query parameter', '/sources?catalog=system', 400],
  ])('refuses %s', async (_, path, status) => {
    const get = await startBackend();
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(statements.some(s => s.includes('system.query'))).toBe(false);
  });

  it('answers 503 naming Trino when it fails', async () => {
    const get = await startBackend();
    trinoDown = true;
    const res = await get('/sources/commerce_pg/tables');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(/^trino: /);
  });
});

describe('readSourceCatalogs', () => {
  it.each([
    [{ name: 'A-b', kind: 'mariadb', schema: 'x' }, /name of A-b must be/],
    [{ name: 'a', kind: 'oracle', schema: 'x' }, /kind of a must be one of/],
    [{ name: 'a', kind: 'postgres', schema: 'x;y' }, /schema of a must be/],
  ])('refuses a bad entry at start: %j', (entry, message) => {
    expect(() =>
      readSourceCatalogs(
        new ConfigReader({ dataPlatform: { sourceCatalogs: [entry] } }),
      ),
    ).toThrow(message);
  });
});
