import type { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  parsePipelineSpec,
  renderPaimonDdl,
  specForShape,
} from '@internal/backstage-plugin-pipeline-common';
import { TrinoClient } from '@internal/backstage-plugin-pipeline-node';
import { Client } from 'pg';
import { trinoPlugin } from '../plugin';

// The source schema routes against the real Trino of the local stack, whose catalogs
// commerce_mariadb and commerce_pg read the CDC sources as read-only users
// (infra/local/stack trino_conf, infra/local/sql/*-seed.sql).

jest.setTimeout(120_000);

const trinoUrl = process.env.TRINO_URL ?? 'http://127.0.0.1:8085';
const pgConfig = {
  host: process.env.POSTGRES_HOST ?? '127.0.0.1',
  port: Number(process.env.POSTGRES_PORT ?? 5433),
  user: process.env.POSTGRES_USER ?? 'postgres',
  password: process.env.POSTGRES_PASSWORD,
  database: 'commerce',
};
const table = `portal_it_${Date.now().toString(36)}`;

async function requireTrinoCatalogs() {
  const trino = new TrinoClient({ baseUrl: trinoUrl, user: 'portal-tests' });
  const catalogs = await trino
    .query('SHOW CATALOGS', { waitTimeoutMs: 10_000 })
    .catch(e => {
      throw new Error(`trino at ${trinoUrl} is not reachable: ${e.message}`);
    });
  const names = catalogs.rows.map(r => r[0]);
  for (const needed of ['commerce_mariadb', 'commerce_pg'])
    if (!names.includes(needed))
      throw new Error(
        `trino has no catalog ${needed} (has ${names.join(
          ', ',
        )}): restart it with "infra/local/stack restart trino"`,
      );
  return trino;
}

describe('source schema through the real Trino catalogs', () => {
  let get: (path: string) => Promise<{ status: number; body: any }>;
  let trino: TrinoClient;
  const pg = new Client(pgConfig);

  beforeAll(async () => {
    trino = await requireTrinoCatalogs();
    await pg.connect();
    await pg.query(
      `CREATE TABLE ${table} (id bigint PRIMARY KEY, note text, amount numeric(10,3) NOT NULL, seen_at timestamptz, flag boolean NOT NULL DEFAULT false)`,
    );
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
                    url: trinoUrl,
                    user: 'portal-tests',
                    catalog: 'lakehouse',
                  },
                ],
              },
              sourceCatalogs: [
                {
                  name: 'commerce_mariadb',
                  kind: 'mariadb',
                  schema: 'commerce',
                },
                { name: 'commerce_pg', kind: 'postgres', schema: 'public' },
              ],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    get = async path => {
      const res = await fetch(`http://localhost:${port}/api/trino${path}`);
      return { status: res.status, body: await res.json() };
    };
  });

  afterAll(async () => {
    await pg.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    await pg.end();
  });

  it('lists the MariaDB commerce tables', async () => {
    const res = await get('/sources/commerce_mariadb/tables');
    expect(res.status).toBe(200);
    expect(res.body.tables).toEqual(
      expect.arrayContaining(['customers', 'inventory', 'orders']),
    );
  });

  it('answers MariaDB columns as MariaDB declares them', async () => {
    const res = await get('/sources/commerce_mariadb/tables/customers/columns');
    expect(res.status).toBe(200);
    expect(res.body.primaryKey).toEqual(['id']);
    const byName = Object.fromEntries(
      res.body.columns.map((c: any) => [c.name, c]),
    );
    expect(byName.id).toMatchObject({ primaryKey: true, nullable: false });
    expect(byName.id.type).toMatch(/^int(\(11\))?$/);
    expect(byName.segment.type).toBe('char(8)');
    // Trino's own type would be tinyint: the spec needs MariaDB's tinyint(1).
    expect(byName.is_vip.type).toBe('tinyint(1)');
    expect(byName.updated_at.type).toBe('timestamp');
  });

  it('sees a table created just now in PostgreSQL, with its declared types', async () => {
    const tables = await get('/sources/commerce_pg/tables');
    expect(tables.body.tables).toContain(table);
    const res = await get(`/sources/commerce_pg/tables/${table}/columns`);
    expect(res.body).toEqual({
      source: 'commerce_pg',
      table,
      primaryKey: ['id'],
      columns: [
        { name: 'id', type: 'bigint', nullable: false, primaryKey: true },
        { name: 'note', type: 'text', nullable: true, primaryKey: false },
        {
          name: 'amount',
          type: 'numeric(10,3)',
          nullable: false,
          primaryKey: false,
        },
        {
          name: 'seen_at',
          type: 'timestamp with time zone',
          nullable: true,
          primaryKey: false,
        },
        { name: 'flag', type: 'boolean', nullable: false, primaryKey: false },
      ],
    });
  });

  it('gives picks a spec takes: payments columns into the support shape', async () => {
    const res = await get('/sources/commerce_pg/tables/payments/columns');
    const pick = (names: string[]) => ({
      source: 'commerce_pg',
      table: 'payments',
      primaryKey: res.body.primaryKey,
      columns: res.body.columns
        .filter((c: any) => names.includes(c.name))
        .map(({ name, type, nullable }: any) => ({ name, type, nullable })),
    });
    const parsed = parsePipelineSpec(
      specForShape('customer-support-360', {
        name: 'picked-support',
        owner: 'group:default/support-team',
        sourceTables: {
          cs_payments: pick([
            'id',
            'order_id',
            'amount',
            'status',
            'updated_at',
          ]),
        },
      }),
    );
    if (!parsed.success) throw new Error(parsed.message);
    const ddl = renderPaimonDdl(parsed.spec).find(d =>
      d.includes('`cs_payments`'),
    )!;
    expect(ddl).toContain('`amount` DECIMAL(12, 2) NOT NULL');
    expect(ddl).toContain('`updated_at` TIMESTAMP(6) NOT NULL');
  });

  it('reads through users that cannot write', async () => {
    await expect(
      trino.query(`DELETE FROM commerce_pg.public.${table} WHERE id = -1`, {
        waitTimeoutMs: 20_000,
      }),
    ).rejects.toThrow(/read-only|permission denied/i);
    await expect(
      trino.query(
        `INSERT INTO commerce_mariadb.commerce.orders (id, customer_id, status, amount) VALUES (-1, -1, 'X', 0)`,
        { waitTimeoutMs: 20_000 },
      ),
    ).rejects.toThrow(/denied/i);
  });
});
