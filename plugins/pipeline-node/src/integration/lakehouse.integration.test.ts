import { FlinkRestClient } from '../clients/flink-rest/FlinkRestClient';
import {
  extractJobId,
  FlinkSqlGatewayClient,
} from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import { KafkaClient } from '../clients/kafka/KafkaClient';
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
// table with Iceberg metadata → Trino. Trino 476 has no Paimon connector: it reads the table
// through its Iceberg connector once the table is registered (what `stack lakehouse-sync` does).
jest.setTimeout(300_000);

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
const made = new Set<'topic' | 'paimon' | 'trino'>();

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
    if (made.has('trino')) {
      await step(
        'unregister from Trino',
        trino
          .query(
            `CALL lakehouse.system.unregister_table(schema_name => '${db}', table_name => 'orders')`,
          )
          .catch(e => {
            if (!(e instanceof QueryError)) throw e; // not registered: fine
          }),
      );
      await step(
        'drop Trino schema',
        trino.query(`DROP SCHEMA IF EXISTS lakehouse.${db}`),
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
         'metadata.iceberg.storage' = 'table-location', 'full-compaction.delta-commits' = '1'
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

    // 4. Trino: register the table at its newest Iceberg metadata (as lakehouse-sync does) and read it
    made.add('trino');
    await trino.query(`CREATE SCHEMA IF NOT EXISTS lakehouse.${db}`);
    const result = await eventually(
      'Trino returns the merged Paimon rows',
      120_000,
      async () => {
        await trino
          .query(
            `CALL lakehouse.system.unregister_table(schema_name => '${db}', table_name => 'orders')`,
          )
          .catch(() => undefined);
        await trino.query(
          `CALL lakehouse.system.register_table(schema_name => '${db}', table_name => 'orders', table_location => 's3://paimon/warehouse/${db}.db/orders')`,
        );
        const r = await trino.query(
          `SELECT id, status, amount FROM lakehouse.${db}.orders ORDER BY id`,
        );
        if (JSON.stringify(r.rows) !== JSON.stringify(expectedRows)) {
          throw new Error(`rows so far: ${JSON.stringify(r.rows)}`);
        }
        return r;
      },
      3000,
    );
    expect(result.columns.map(c => [c.name, c.type])).toEqual([
      ['id', 'bigint'],
      ['status', 'varchar'],
      ['amount', 'decimal(12, 2)'],
    ]);
    expect(result.infoUri).toContain(result.queryId);
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
