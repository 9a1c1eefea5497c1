import { FlinkRestClient } from '../clients/flink-rest/FlinkRestClient';
import {
  extractJobId,
  FlinkSqlGatewayClient,
} from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import { KafkaClient } from '../clients/kafka/KafkaClient';
import { NessieClient } from '../clients/nessie/NessieClient';
import { TrinoClient } from '../clients/trino/TrinoClient';
import { QueryError } from '../lib/errors';
import {
  deleteGroups,
  endpoints,
  eventually,
  requireStack,
  runSuffix,
  stackCatalogDdl,
  testKafka,
  testProducer,
} from '../__testUtils__/stack';

// debezium-json topic → Flink SQL job (submitted through the SQL Gateway) → Paimon primary-key
// table with Iceberg metadata → Nessie → Trino. Trino 476 has no Paimon connector: it reads the
// table through its Iceberg connector, whose catalog is Nessie's main branch, where the table's
// commit callback (infra/jvm/paimon-nessie-callback) records every Paimon snapshot. No
// registration step anywhere.
jest.setTimeout(400_000);

const run = runSuffix();
const db = `pn_it_${run}`;
const topic = `pn-it-lake-${run}`;
const jobName = `pn-it-lake-${run}`;
const flinkGroup = `pn-it-lake-${run}`;

const kafka = new KafkaClient({ brokers: endpoints.kafkaBrokers });
const gateway = new FlinkSqlGatewayClient({
  baseUrl: endpoints.sqlGateway,
  timeoutMs: 30_000,
});
const flink = new FlinkRestClient({ baseUrl: endpoints.flinkRest });
const nessie = new NessieClient({ baseUrl: endpoints.nessie });
const key = `${db}.orders`;
const tag = `it/lakehouse-${run}`;
const CALLBACK = 'io.dataplatform.paimon.nessie.NessieCommitCallback';
const trino = new TrinoClient({
  baseUrl: endpoints.trino,
  user: 'pipeline-node-it',
  source: 'pipeline-node-it',
  timeoutMs: 30_000,
});

/** Debezium envelopes as the stack's connectors write them (JSON without schema). */
const source = {
  version: '3.5.0.Final',
  connector: 'mariadb',
  name: 'pnit',
  db: 'commerce',
  table: 'orders',
};
const row = (id: number, status: string, amount: string) => ({
  id,
  status,
  amount,
});
const changes = [
  { before: null, after: row(1, 'NEW', '10.50'), op: 'c' },
  { before: null, after: row(2, 'NEW', '20.00'), op: 'c' },
  { before: null, after: row(3, 'NEW', '30.00'), op: 'c' },
  { before: row(2, 'NEW', '20.00'), after: row(2, 'PAID', '20.00'), op: 'u' },
  { before: row(3, 'NEW', '30.00'), after: null, op: 'd' },
];
const expectedRows = [
  [1, 'NEW', '10.50'],
  [2, 'PAID', '20.00'],
];

const flinkSql = (...statements: string[]) =>
  gateway.runStatements([stackCatalogDdl(), ...statements]);

let jobId: string | undefined;
// Cleanup undoes only what this run made, so a run against a missing stack reports just that.
const made = new Set<'topic' | 'paimon' | 'nessie'>();

const batch = "SET 'execution.runtime-mode' = 'batch'";
/** Paimon's own snapshot ids of the table, oldest first (Flink batch read of `orders$snapshots`). */
async function paimonSnapshotIds(): Promise<number[]> {
  const [, , r] = await flinkSql(
    batch,
    `SELECT snapshot_id FROM lake.${db}.\`orders$snapshots\` ORDER BY snapshot_id`,
  );
  return r.rows.map(x => Number(x[0]));
}
/** The snapshot ids Nessie's main recorded for the table, oldest first. */
async function recordedSnapshotIds(): Promise<number[]> {
  const log = await nessie.keyLog('main', [key], { maxRecords: 100 });
  return log.entries
    .map(e => Number(e.commit.properties?.['paimon.snapshot-id']))
    .reverse();
}
const trinoRows = async (sql: string) =>
  (await trino.query(sql)).rows.map(r => r.map(String));

describe('debezium-json → Flink SQL → Paimon → Trino', () => {
  beforeAll(async () => {
    await requireStack('kafka', 'flink', 'gateway', 'trino');
    const overview = await flink.overview();
    if (overview['slots-available'] < 1) {
      throw new Error(
        `Flink has no free task slot (${overview['slots-total']} total, ${overview['jobs-running']} job(s) running); cancel a job first`,
      );
    }
  });

  afterAll(async () => {
    const problems: string[] = [];
    const step = (what: string, p: Promise<unknown>) =>
      p.catch(e => problems.push(`${what}: ${e.message}`));
    if (jobId) {
      await step('cancel job', flink.cancel(jobId));
      await step(
        'job CANCELED',
        eventually(`job ${jobId} CANCELED`, 60_000, async () =>
          (
            await flink.listJobs()
          ).find(j => j.jid === jobId && j.state === 'CANCELED'),
        ),
      );
    }
    if (made.has('paimon'))
      await step(
        'drop Paimon table',
        flinkSql(
          `DROP TABLE IF EXISTS lake.${db}.orders`,
          `DROP DATABASE IF EXISTS lake.${db} CASCADE`,
        ),
      );
    if (made.has('nessie')) {
      // The table and its namespace leave main again (one commit), the tag goes too.
      await step(
        'remove from Nessie',
        (async () => {
          const t = await nessie.getReference(tag).catch(() => undefined);
          if (t) await nessie.deleteReference(tag, t.hash);
          const at = await nessie.getContents('main', [db, key]);
          const ops = [key, db]
            .filter(k => at.contents.has(k))
            .map(k => ({
              type: 'DELETE' as const,
              key: { elements: k.split('.') },
            }));
          if (ops.length)
            await nessie.commit('main', at.hash, {
              message: `test cleanup: drop ${key}`,
              operations: ops,
            });
        })(),
      );
    }
    if (made.has('topic')) {
      await step('delete topic', kafka.deleteTopic(topic));
      await step(
        'delete consumer group',
        deleteGroups(testKafka(), [flinkGroup]),
      );
    }
    if (problems.length)
      throw new Error(`cleanup incomplete:\n${problems.join('\n')}`);
  });

  it('runs the job with completed checkpoints and Trino reads the merged rows', async () => {
    // 1. a debezium-json topic with inserts, an update and a delete
    made.add('topic');
    expect((await kafka.ensureTopic({ topic, partitions: 1 })).created).toBe(
      true,
    );
    const producer = testProducer(testKafka());
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: changes.map(c => ({
          key: JSON.stringify({ id: (c.after ?? c.before)!.id }),
          value: JSON.stringify({ ...c, source, ts_ms: Date.now() }),
        })),
      });
    } finally {
      await producer.disconnect();
    }

    // 2. Paimon PK table (Iceberg metadata for Trino) and the INSERT job, in one gateway session
    made.add('paimon');
    const results = await flinkSql(
      `CREATE DATABASE IF NOT EXISTS lake.${db}`,
      `CREATE TABLE lake.${db}.orders (
         id BIGINT, status STRING, amount DECIMAL(12, 2), PRIMARY KEY (id) NOT ENFORCED
       ) WITH (
         'bucket' = '1', 'changelog-producer' = 'input', 'merge-engine' = 'deduplicate',
         'metadata.iceberg.storage' = 'table-location', 'full-compaction.delta-commits' = '1',
         'commit.callbacks' = '${CALLBACK}',
         'commit.callback.${CALLBACK}.param' = 'uri=${nessie.apiUrl};ref=main;pipeline=pn-it-${run}'
       )`,
      `CREATE TEMPORARY TABLE orders_cdc (id BIGINT, status STRING, amount STRING) WITH (
         'connector' = 'kafka', 'topic' = '${topic}',
         'properties.bootstrap.servers' = '${endpoints.kafkaBrokers.join(',')}',
         'properties.group.id' = '${flinkGroup}', 'scan.startup.mode' = 'earliest-offset',
         'format' = 'debezium-json'
       )`,
      `SET 'pipeline.name' = '${jobName}'`,
      `SET 'table.exec.sink.upsert-materialize' = 'NONE'`,
      // shorter than the stack's 30 s so the test commits sooner; no checkpoint files left behind
      `SET 'execution.checkpointing.interval' = '5s'`,
      `SET 'execution.checkpointing.externalized-checkpoint-retention' = 'DELETE_ON_CANCELLATION'`,
      `INSERT INTO lake.${db}.orders SELECT id, status, CAST(amount AS DECIMAL(12, 2)) FROM orders_cdc`,
    );
    jobId = extractJobId(results[results.length - 1]);
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);

    // 3. RUNNING in /jobs/overview, with completed checkpoints
    const job = await eventually(`job ${jobId} RUNNING`, 90_000, async () => {
      const j = (await flink.listJobs()).find(x => x.jid === jobId);
      if (j && ['FAILED', 'CANCELED', 'FINISHED'].includes(j.state))
        throw new Error(`job is ${j.state}`);
      return j?.state === 'RUNNING' ? j : undefined;
    });
    expect(job.name).toBe(jobName);
    const checkpoints = await eventually(
      '2 completed checkpoints',
      90_000,
      async () => {
        const c = await flink.checkpoints(jobId!);
        return c.counts.completed >= 2 ? c : undefined;
      },
    );
    expect(checkpoints.latest.completed?.latest_ack_timestamp).toBeGreaterThan(
      0,
    );

    const details = await flink.job(jobId!);
    expect(details.vertices.length).toBeGreaterThan(0);
    // the JobManager's metric fetcher fills job metrics in after a few seconds
    const metrics = await eventually('numRestarts metric', 30_000, async () => {
      const m = await flink.metrics(jobId!, ['numRestarts']);
      return 'numRestarts' in m ? m : undefined;
    });
    expect(metrics).toEqual({ numRestarts: 0 });
    expect(['ok', 'deprecated']).toContain(
      (await flink.backpressure(jobId!, details.vertices[0].id)).status,
    );
    expect((await flink.exceptions(jobId!)).exceptionHistory.entries).toEqual(
      [],
    );

    // 4. Trino reads the merged rows with no registration: the commit callback put the table
    // on Nessie's main, which is Trino's catalog
    made.add('nessie');
    const result = await eventually(
      'Trino returns the merged Paimon rows',
      120_000,
      async () => {
        const r = await trino
          .query(
            `SELECT id, status, amount FROM lakehouse.${db}.orders ORDER BY id`,
          )
          .catch(e => {
            if (e instanceof QueryError) return undefined; // not on main yet
            throw e;
          });
        if (JSON.stringify(r?.rows) !== JSON.stringify(expectedRows))
          return undefined;
        return r;
      },
      2000,
    );
    expect(result!.columns.map(c => [c.name, c.type])).toEqual([
      ['id', 'bigint'],
      ['status', 'varchar'],
      ['amount', 'decimal(12, 2)'],
    ]);
    expect(result!.infoUri).toContain(result!.queryId);
  });

  it('records one Nessie commit per Paimon snapshot, with the snapshot id in it', async () => {
    // Paimon first: the callback records a snapshot right after Paimon commits it
    const paimon = await paimonSnapshotIds();
    expect(paimon.length).toBeGreaterThan(0);
    const newest = paimon[paimon.length - 1];
    const recorded = await eventually(
      `Nessie recorded snapshot ${newest}`,
      30_000,
      async () => {
        const ids = await recordedSnapshotIds();
        return ids.includes(newest) ? ids : undefined;
      },
    );
    // exactly one commit per snapshot, in order (later snapshots may have come meanwhile)
    expect(recorded.filter(id => id <= newest)).toEqual(paimon);
    const head = await nessie.getContents('main', [key]);
    const content = head.contents.get(key)!;
    expect(content.type).toBe('ICEBERG_TABLE');
    expect(content.metadataLocation).toBe(
      `s3://paimon/warehouse/${db}.db/orders/metadata/v${content.snapshotId}.metadata.json`,
    );
    const [last] = (await nessie.keyLog('main', [key], { maxRecords: 1 }))
      .entries;
    expect(last.commit.message).toBe(
      `${key}: Paimon snapshot ${content.snapshotId} (${last.commit.properties?.['paimon.commit-kind']})`,
    );
    expect(last.commit.properties).toMatchObject({
      'paimon.table': key,
      'paimon.snapshot-id': String(content.snapshotId),
      pipeline: `pn-it-${run}`,
    });
  });

  it('a Nessie tag pins the table state Trino reads back by its snapshot, and the diff names the table', async () => {
    const main = await nessie.getContents('main', [key]);
    const pinned = main.contents.get(key)!.snapshotId!;
    await nessie.createTag(tag, {
      name: 'main',
      type: 'BRANCH',
      hash: main.hash,
    });
    const atTag = await nessie.getContents(tag, [key]);
    expect(atTag.contents.get(key)?.snapshotId).toBe(pinned);
    const before = await trinoRows(
      `SELECT id, status FROM lakehouse.${db}.orders FOR VERSION AS OF CAST(${pinned} AS BIGINT) ORDER BY id`,
    );
    expect(before).toEqual([
      ['1', 'NEW'],
      ['2', 'PAID'],
    ]);

    // the table moves on: a new row, an update
    const producer = testProducer(testKafka());
    await producer.connect();
    try {
      await producer.send({
        topic,
        messages: [
          { before: null, after: row(4, 'NEW', '40.00'), op: 'c' },
          {
            before: row(1, 'NEW', '10.50'),
            after: row(1, 'SHIPPED', '10.50'),
            op: 'u',
          },
        ].map(c => ({
          key: JSON.stringify({ id: c.after.id }),
          value: JSON.stringify({ ...c, source, ts_ms: Date.now() }),
        })),
      });
    } finally {
      await producer.disconnect();
    }
    const expectedNow = [
      ['1', 'SHIPPED'],
      ['2', 'PAID'],
      ['4', 'NEW'],
    ];
    await eventually(
      'Trino sees the new row and the update through main',
      120_000,
      async () => {
        const rows = await trinoRows(
          `SELECT id, status FROM lakehouse.${db}.orders ORDER BY id`,
        );
        return JSON.stringify(rows) === JSON.stringify(expectedNow)
          ? rows
          : undefined;
      },
      2000,
    );
    // read back by the tag: unchanged
    const tagged = (await nessie.getContents(tag, [key])).contents.get(key)!;
    expect(tagged.snapshotId).toBe(pinned);
    expect(
      await trinoRows(
        `SELECT id, status FROM lakehouse.${db}.orders FOR VERSION AS OF CAST(${tagged.snapshotId} AS BIGINT) ORDER BY id`,
      ),
    ).toEqual(before);
    // and the diff between the tag and main lists the table that changed
    const diff = await nessie.diff(tag, 'main');
    expect(diff.map(d => d.key.elements.join('.'))).toContain(key);
  });

  it('surfaces engine errors as typed QueryErrors', async () => {
    const flinkError = await flinkSql(
      `SELECT * FROM lake.${db}.no_such_table`,
    ).catch(e => e);
    expect(flinkError).toBeInstanceOf(QueryError);
    expect(flinkError.upstreamCode).toBe('ValidationException');
    expect(flinkError.message).toContain('no_such_table');
    expect(flinkError.message).not.toContain(
      stackCatalogDdl().match(/'s3\.secret-key' = '([^']*)'/)![1],
    );

    const trinoError = await trino
      .query('SELECT * FROM lakehouse.no_such_schema.t')
      .catch(e => e);
    expect(trinoError).toBeInstanceOf(QueryError);
    expect(trinoError.upstreamCode).toBe('SCHEMA_NOT_FOUND');
    expect(trinoError.message).toMatch(
      /^trino: query \S+ failed: .*no_such_schema/,
    );
  });
});
