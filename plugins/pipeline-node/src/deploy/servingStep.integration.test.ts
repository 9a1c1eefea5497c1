import { ConfigReader } from '@backstage/config';
import {
  customerSupport360Example,
  financeReconciliationExample,
  parsePipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import { runSuffix } from '../__testUtils__/stack';
import {
  couchDbCredentials,
  requireServingStores,
  servingEndpoints,
  servingUpstreamsConfig,
  testCassandra,
  testCouchDb,
} from '../__testUtils__/servingStores';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import { ensureServingStores, ServingSinkObjects } from './servingStep';

// The serving-stores step against the real Cassandra and CouchDB of the local stack: a per-run
// keyspace/table and database/design document are planned (dry run), created, then unchanged on
// the second run; a changed view is updated; rows written there are read back by key through the
// same clients the portal uses; everything is dropped afterwards.
jest.setTimeout(180_000);

const run = runSuffix();
const name = `it_serving_${run}`;
const parsed = parsePipelineSpec(financeReconciliationExample);
if (!parsed.success) throw new Error(parsed.message);
const spec = parsed.spec;

const cassandraSink: ServingSinkObjects = {
  kind: 'cassandra',
  target: `${name}.stock`,
  live: true,
  key: ['sku', 'warehouse'],
  columns: [
    { name: 'sku' },
    { name: 'warehouse' },
    { name: 'available' },
    { name: 'updated_at' },
  ],
  cql: [
    `CREATE KEYSPACE IF NOT EXISTS ${name} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
    `CREATE TABLE IF NOT EXISTS ${name}.stock (\n  sku text,\n  warehouse text,\n  available int,\n  updated_at timestamp,\n  PRIMARY KEY ((sku), warehouse)\n)`,
  ],
};
const view = (emit: string) => ({
  _id: `_design/${name}`,
  language: 'javascript',
  views: { [name]: { map: `function (doc) { ${emit} }` } },
});
const couchSink = (
  emit = 'emit(doc.customer_id, null);',
): ServingSinkObjects => ({
  kind: 'couchdb',
  target: name,
  live: true,
  database: name,
  designDocument: view(emit),
});

describe('serving-stores step on the real stores', () => {
  const registry = UpstreamRegistry.fromConfig(
    new ConfigReader({ dataPlatform: { upstreams: servingUpstreamsConfig() } }),
  );
  const stores = {
    cassandra: () => registry.get('cassandra').client,
    couchdb: () => registry.get('couchdb').client,
  };
  const cassandra = testCassandra();
  const couchdb = testCouchDb();
  const deploy = (sinks: ServingSinkObjects[], dryRun = false) =>
    ensureServingStores(stores, spec, { dryRun }, () => sinks);
  const outcomes = (r: {
    changes: Array<{ target: string; outcome: string }>;
  }) => r.changes.map(c => `${c.target} ${c.outcome}`);

  beforeAll(requireServingStores);

  afterAll(async () => {
    await cassandra.dropKeyspace(name).catch(() => undefined);
    await couchdb.deleteDatabase(name).catch(() => undefined);
    await cassandra.dropKeyspace(`${name}_ks`).catch(() => undefined);
    await couchdb.deleteDatabase(`${name}_cases`).catch(() => undefined);
    await cassandra.close();
    await registry.get('cassandra').client.close();
  });

  it('plans in a dry run and creates nothing', async () => {
    const dry = await deploy([cassandraSink, couchSink()], true);
    expect(outcomes(dry)).toEqual([
      `cassandra:${name} planned`,
      `cassandra:${name}.stock planned`,
      `couchdb:${name} planned`,
      `couchdb:${name}/_design/${name} planned`,
    ]);
    expect(await cassandra.keyspaceExists(name)).toBe(false);
    expect(await couchdb.databaseInfo(name)).toBeUndefined();
  });

  it('creates keyspace, table, database and view, then finds them unchanged', async () => {
    const first = await deploy([cassandraSink, couchSink()]);
    expect(outcomes(first)).toEqual([
      `cassandra:${name} created`,
      `cassandra:${name}.stock created`,
      `couchdb:${name} created`,
      `couchdb:${name}/_design/${name} created`,
    ]);
    const table = await cassandra.describeTable(name, 'stock');
    expect(table?.primaryKey).toEqual(['sku', 'warehouse']);
    expect(table?.partitionKey).toEqual(['sku']);
    const second = await deploy([cassandraSink, couchSink()]);
    expect(outcomes(second)).toEqual([
      `cassandra:${name} unchanged`,
      `cassandra:${name}.stock unchanged`,
      `couchdb:${name} unchanged`,
      `couchdb:${name}/_design/${name} unchanged`,
    ]);
  });

  it('updates a changed view with its revision', async () => {
    const before = await couchdb.getDesignDocument(name, `_design/${name}`);
    const changed = couchSink('emit(doc.customer_id, doc.open_tickets);');
    expect(outcomes(await deploy([changed], true))[1]).toBe(
      `couchdb:${name}/_design/${name} planned`,
    );
    expect(outcomes(await deploy([changed]))[1]).toBe(
      `couchdb:${name}/_design/${name} updated`,
    );
    const after = await couchdb.getDesignDocument(name, `_design/${name}`);
    expect(after?._rev).not.toBe(before?._rev);
    expect(outcomes(await deploy([changed]))[1]).toBe(
      `couchdb:${name}/_design/${name} unchanged`,
    );
  });

  it('reads rows back by key, row-limited, and scans with write times', async () => {
    const driver = (cassandra as any).driver;
    const at = new Date(Date.now() - 2000);
    for (const [warehouse, available] of [
      ['w1', 7],
      ['w2', 3],
    ] as const)
      await driver.execute(
        `INSERT INTO ${name}.stock (sku, warehouse, available, updated_at) VALUES (?, ?, ?, ?)`,
        ['SKU-1', warehouse, available, at],
        { prepare: true },
      );
    const table = (await cassandra.describeTable(name, 'stock'))!;
    const page = await cassandra.selectByKey(
      table,
      { sku: 'SKU-1' },
      { limit: 1 },
    );
    expect(page).toEqual({
      rows: [
        {
          sku: 'SKU-1',
          warehouse: 'w1',
          available: 7,
          updated_at: at.toISOString(),
        },
      ],
      truncated: true,
    });
    const one = await cassandra.selectByKey(
      table,
      { sku: 'SKU-1', warehouse: 'w2' },
      { limit: 5 },
    );
    expect(one.rows.map(r => r.available)).toEqual([3]);
    const scan = await cassandra.scan(table, {
      maxRows: 100,
      writetimeColumn: 'updated_at',
    });
    expect(scan.rowsSeen).toBe(2);
    expect(scan.complete).toBe(true);
    const lag = scan.lastWriteAt!.getTime() - at.getTime();
    expect(lag).toBeGreaterThanOrEqual(1000);
    expect(lag).toBeLessThan(60_000);

    // A case document, written over HTTP as the sink writes them.
    const { user, password } = couchDbCredentials();
    const put = await fetch(`${servingEndpoints.couchdb}/${name}/42`, {
      method: 'PUT',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString(
          'base64',
        )}`,
      },
      body: JSON.stringify({ customer_id: 42, open_tickets: 2 }),
    });
    expect(put.status).toBe(201);
    const cases = await couchdb.queryView(name, `_design/${name}`, name, {
      key: 42,
      limit: 5,
    });
    expect(cases.rows.map(r => [r.id, r.value, r.doc?.open_tickets])).toEqual([
      ['42', 2, 2],
    ]);
    expect(
      (
        await couchdb.queryView(name, `_design/${name}`, name, {
          key: '42',
          limit: 5,
        })
      ).rows,
    ).toEqual([]);
  });

  it("deploys the support spec's own rendered sinks (pipeline-common's CQL and view), then nothing changes", async () => {
    const support = parsePipelineSpec({
      ...customerSupport360Example,
      servingSinks: [
        {
          kind: 'couchdb',
          paimonTable: 'customer_case',
          name: `${name}_cases`,
        },
        {
          kind: 'cassandra',
          paimonTable: 'customer_case',
          name: 'customer_case_cache',
          keyspace: `${name}_ks`,
        },
      ],
    });
    if (!support.success) throw new Error(support.message);
    const first = await ensureServingStores(stores, support.spec);
    expect(outcomes(first)).toEqual([
      `cassandra:${name}_ks created`,
      `cassandra:${name}_ks.customer_case_cache created`,
      `couchdb:${name}_cases created`,
      `couchdb:${name}_cases/_design/${name}_cases created`,
    ]);
    expect(
      (await cassandra.describeTable(`${name}_ks`, 'customer_case_cache'))
        ?.primaryKey,
    ).toEqual(['customer_id']);
    const again = await ensureServingStores(stores, support.spec);
    expect(again.changes.map(c => c.outcome)).toEqual([
      'unchanged',
      'unchanged',
      'unchanged',
      'unchanged',
    ]);
    expect(again.changes[1].detail).toBe('table');
  });
});
