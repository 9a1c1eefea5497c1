import {
  customerSupport360Example,
  financeReconciliationExample,
  parsePipelineSpec,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import type {
  CassandraClient,
  CassandraTable,
} from '../clients/cassandra/CassandraClient';
import type {
  CouchDbClient,
  CouchDesignDocument,
} from '../clients/couchdb/CouchDbClient';
import { UpstreamUnavailableError } from '../lib/errors';
import { UnknownInstanceError } from '../service/UpstreamRegistry';
import { ensureServingStores, ServingSinkObjects } from './servingStep';
import { DeployStepError } from './types';

// The step's decisions against in-memory stores; the real round trip (created, then unchanged,
// then dropped) is servingStep.integration.test.ts.

const parsed = parsePipelineSpec(financeReconciliationExample);
if (!parsed.success) throw new Error(parsed.message);
const spec: PipelineSpec = parsed.spec;

const cassandraSink: ServingSinkObjects = {
  kind: 'cassandra',
  target: 'inventory.inventory_projection',
  live: true,
  key: ['sku'],
  columns: [{ name: 'sku' }, { name: 'available' }, { name: 'updated_at' }],
  cql: [
    "CREATE KEYSPACE IF NOT EXISTS inventory WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}",
    'CREATE TABLE IF NOT EXISTS inventory.inventory_projection (\n  sku text,\n  available int,\n  updated_at timestamp,\n  PRIMARY KEY (sku)\n)',
  ],
};
const design: CouchDesignDocument = {
  _id: '_design/customer_case',
  language: 'javascript',
  views: {
    customer_case: { map: 'function (doc) { emit(doc.customer_id, null); }' },
  },
};
const couchSink: ServingSinkObjects = {
  kind: 'couchdb',
  target: 'customer_case',
  live: true,
  database: 'customer_case',
  designDocument: design,
};

/** Keyspaces and tables in memory; CREATE … IF NOT EXISTS adds what is missing. */
function fakeCassandra() {
  const keyspaces = new Set<string>();
  const tables = new Map<string, CassandraTable>();
  const statements: string[] = [];
  const client = {
    keyspaceExists: jest.fn(async (k: string) => keyspaces.has(k)),
    describeTable: jest.fn(async (k: string, t: string) =>
      tables.get(`${k}.${t}`),
    ),
    executeSchemaStatement: jest.fn(async (cql: string) => {
      statements.push(cql);
      const ks = /CREATE KEYSPACE IF NOT EXISTS "?(\w+)"?/.exec(cql);
      if (ks) keyspaces.add(ks[1]);
      const t = /CREATE TABLE IF NOT EXISTS "?(\w+)"?\."?(\w+)"?/.exec(cql);
      if (t)
        tables.set(`${t[1]}.${t[2]}`, {
          keyspace: t[1],
          table: t[2],
          partitionKey: ['sku'],
          primaryKey: ['sku'],
          columns: ['sku', 'available', 'updated_at'].map(name => ({
            name,
            type: 'text',
            kind: name === 'sku' ? 'partition_key' : 'regular',
            position: name === 'sku' ? 0 : -1,
          })),
        });
    }),
  };
  return {
    client: client as unknown as CassandraClient,
    mock: client,
    statements,
    tables,
  };
}

/** Databases and design documents in memory, with revisions like CouchDB's. */
function fakeCouchDb() {
  const databases = new Map<string, Map<string, CouchDesignDocument>>();
  const writes: string[] = [];
  const client = {
    databaseInfo: jest.fn(async (db: string) =>
      databases.has(db) ? { db_name: db, doc_count: 0 } : undefined,
    ),
    createDatabase: jest.fn(async (db: string) => {
      writes.push(`PUT ${db}`);
      databases.set(db, new Map());
      return true;
    }),
    getDesignDocument: jest.fn(async (db: string, id: string) =>
      databases.get(db)?.get(id),
    ),
    putDesignDocument: jest.fn(async (db: string, doc: CouchDesignDocument) => {
      const docs = databases.get(db)!;
      const current = docs.get(doc._id);
      if (current && current._rev !== doc._rev) throw new Error('conflict');
      const n = current ? Number(current._rev!.split('-')[0]) + 1 : 1;
      writes.push(`PUT ${db}/${doc._id} rev ${doc._rev ?? 'none'}`);
      docs.set(doc._id, { ...doc, _rev: `${n}-x` });
      return { rev: `${n}-x` };
    }),
  };
  return { client: client as unknown as CouchDbClient, writes, databases };
}

const stores = (
  cassandra: { client: CassandraClient },
  couchdb: { client: CouchDbClient },
) => ({ cassandra: () => cassandra.client, couchdb: () => couchdb.client });
const outcomes = (r: { changes: Array<{ target: string; outcome: string }> }) =>
  r.changes.map(c => `${c.target} ${c.outcome}`);

describe('ensureServingStores', () => {
  it('creates keyspace, table, database and design document, then reports them unchanged', async () => {
    const cassandra = fakeCassandra();
    const couchdb = fakeCouchDb();
    const render = () => [
      { kind: 'trino', target: 'lakehouse.commerce.x' },
      cassandraSink,
      couchSink,
    ];
    const first = await ensureServingStores(
      stores(cassandra, couchdb),
      spec,
      {},
      render,
    );
    expect(first.step).toBe('serving-stores');
    expect(outcomes(first)).toEqual([
      'cassandra:inventory created',
      'cassandra:inventory.inventory_projection created',
      'couchdb:customer_case created',
      'couchdb:customer_case/_design/customer_case created',
    ]);
    expect(cassandra.statements).toEqual(cassandraSink.cql);
    const second = await ensureServingStores(
      stores(cassandra, couchdb),
      spec,
      {},
      render,
    );
    expect(outcomes(second)).toEqual([
      'cassandra:inventory unchanged',
      'cassandra:inventory.inventory_projection unchanged',
      'couchdb:customer_case unchanged',
      'couchdb:customer_case/_design/customer_case unchanged',
    ]);
    expect(cassandra.statements).toHaveLength(2);
    expect(couchdb.writes).toHaveLength(2);
  });

  it('a dry run plans everything and writes nothing', async () => {
    const cassandra = fakeCassandra();
    const couchdb = fakeCouchDb();
    const result = await ensureServingStores(
      stores(cassandra, couchdb),
      spec,
      { dryRun: true },
      () => [cassandraSink, couchSink],
    );
    expect(result.dryRun).toBe(true);
    expect(outcomes(result)).toEqual([
      'cassandra:inventory planned',
      'cassandra:inventory.inventory_projection planned',
      'couchdb:customer_case planned',
      'couchdb:customer_case/_design/customer_case planned',
    ]);
    expect(cassandra.statements).toEqual([]);
    expect(couchdb.writes).toEqual([]);
  });

  it('updates a changed design document with its current _rev (dry run: planned)', async () => {
    const cassandra = fakeCassandra();
    const couchdb = fakeCouchDb();
    await ensureServingStores(stores(cassandra, couchdb), spec, {}, () => [
      couchSink,
    ]);
    const changed = {
      ...couchSink,
      designDocument: {
        ...design,
        views: {
          customer_case: {
            map: 'function (doc) { emit([doc.customer_id], null); }',
          },
        },
      },
    };
    const dry = await ensureServingStores(
      stores(cassandra, couchdb),
      spec,
      { dryRun: true },
      () => [changed],
    );
    expect(dry.changes[1]).toMatchObject({
      outcome: 'planned',
      detail: 'would update views customer_case',
    });
    const real = await ensureServingStores(
      stores(cassandra, couchdb),
      spec,
      {},
      () => [changed],
    );
    expect(outcomes(real)).toEqual([
      'couchdb:customer_case unchanged',
      'couchdb:customer_case/_design/customer_case updated',
    ]);
    expect(couchdb.writes.at(-1)).toBe(
      'PUT customer_case/_design/customer_case rev 1-x',
    );
  });

  it('reports, and never alters, an existing table that differs from the spec', async () => {
    const cassandra = fakeCassandra();
    const couchdb = fakeCouchDb();
    await ensureServingStores(stores(cassandra, couchdb), spec, {}, () => [
      cassandraSink,
    ]);
    const wider = {
      ...cassandraSink,
      columns: [...cassandraSink.columns!, { name: 'reserved' }],
    };
    const result = await ensureServingStores(
      stores(cassandra, couchdb),
      spec,
      {},
      () => [wider],
    );
    expect(result.changes[1]).toEqual({
      target: 'cassandra:inventory.inventory_projection',
      outcome: 'unchanged',
      detail: 'table differs from the spec: missing columns reserved',
    });
    expect(cassandra.statements).toHaveLength(2);
  });

  it("deploys what pipeline-common renders for the customer-support spec's sinks", async () => {
    const support = parsePipelineSpec(customerSupport360Example);
    if (!support.success) throw new Error(support.message);
    const cassandra = fakeCassandra();
    const couchdb = fakeCouchDb();
    const result = await ensureServingStores(
      stores(cassandra, couchdb),
      support.spec,
    );
    expect(outcomes(result)).toEqual([
      'cassandra:support created',
      'cassandra:support.customer_case_cache created',
      'couchdb:customer_case created',
      'couchdb:customer_case/_design/customer_case created',
    ]);
    expect(cassandra.statements[0]).toMatch(
      /^CREATE KEYSPACE IF NOT EXISTS "support"/,
    );
    expect(couchdb.databases.get('customer_case')?.size).toBe(1);
  });

  it('reports nothing and touches neither store for a spec without such sinks', async () => {
    const touched = jest.fn(() => {
      throw new Error('store resolved');
    });
    const result = await ensureServingStores(
      { cassandra: touched, couchdb: touched },
      spec,
    );
    expect(result.changes).toEqual([]);
    expect(touched).not.toHaveBeenCalled();
  });

  it('skips a sink no job writes (documentation only) without asking the store', async () => {
    const touched = jest.fn(() => {
      throw new Error('store resolved');
    });
    const result = await ensureServingStores(
      { cassandra: touched, couchdb: touched },
      spec,
      {},
      () => [{ ...cassandraSink, live: false }],
    );
    expect(outcomes(result)).toEqual([
      'cassandra:inventory.inventory_projection skipped',
    ]);
    expect(touched).not.toHaveBeenCalled();
  });

  it('fails as a DeployStepError naming the store that is not configured', async () => {
    const couchdb = fakeCouchDb();
    const error = await ensureServingStores(
      {
        cassandra: () => {
          throw new UnknownInstanceError('cassandra', undefined, []);
        },
        couchdb: () => couchdb.client,
      },
      spec,
      {},
      () => [couchSink, cassandraSink],
    ).catch(e => e);
    expect(error).toBeInstanceOf(DeployStepError);
    expect(error.component).toBe('cassandra');
    expect(error.message).toBe(
      "deploy step 'serving-stores' failed at cassandra: no cassandra instance is configured (dataPlatform.upstreams.cassandra). Check that Cassandra is reachable and configured (dataPlatform.upstreams.cassandra), then re-run the deploy.",
    );
  });

  it('fails naming couchdb when it is down', async () => {
    const cassandra = fakeCassandra();
    const down = {
      databaseInfo: async () => {
        throw new UpstreamUnavailableError({
          component: 'couchdb',
          operation: 'GET /{db}',
          request: 'GET /customer_case',
          target: 'http://127.0.0.1:5984',
          upstreamMessage: 'ECONNREFUSED',
        });
      },
    } as unknown as CouchDbClient;
    const error = await ensureServingStores(
      { cassandra: () => cassandra.client, couchdb: () => down },
      spec,
      {},
      () => [couchSink],
    ).catch(e => e);
    expect(error).toBeInstanceOf(DeployStepError);
    expect(error.message).toMatch(
      /^deploy step 'serving-stores' failed at couchdb: couchdb: GET \/customer_case failed: cannot reach http:\/\/127.0.0.1:5984 \(ECONNREFUSED\)/,
    );
  });

  it('refuses a target that is not keyspace.table before asking Cassandra', async () => {
    const cassandra = fakeCassandra();
    const couchdb = fakeCouchDb();
    for (const target of ['inventory', 'a.b.c', 'inv"entory.t', 'Inv.t']) {
      const error = await ensureServingStores(
        stores(cassandra, couchdb),
        spec,
        {},
        () => [{ ...cassandraSink, target }],
      ).catch(e => e);
      expect(error).toBeInstanceOf(DeployStepError);
    }
    expect(cassandra.mock.keyspaceExists).not.toHaveBeenCalled();
  });
});
