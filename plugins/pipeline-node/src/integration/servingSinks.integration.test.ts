import { ConfigReader } from '@backstage/config';
import {
  customerSupport360Example,
  parsePipelineSpec,
  renderServingSinks,
  renderServingSinkTables,
} from '@internal/backstage-plugin-pipeline-common';
import { Client as CqlClient, types } from 'cassandra-driver';
import { extractJobId } from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import { KafkaClient } from '../clients/kafka/KafkaClient';
import { runInLakeSession } from '../service/lakeSession';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import {
  deleteGroups,
  endpoints,
  eventually,
  requireStack,
  runSuffix,
  stackSecrets,
  stackUpstreamsConfig,
  testKafka,
  testProducer,
} from '../__testUtils__/stack';

// The serving sinks (infra/jvm/flink-serving-sinks) inside a real Flink job: a debezium-json topic
// with inserts, updates and deletes → one job through the SQL Gateway writing BOTH the Cassandra
// and the CouchDB sink → the rows read back from the real stores with exact values. What the job,
// the keyspace/table and the database/design document look like is what pipeline-common renders
// for the customer-support-360 spec (its serving sinks renamed to per-run names).
jest.setTimeout(300_000);

const run = runSuffix();
const name = `pn_it_srv_${run}`;
const topic = `pn-it-serving-${run}`;
const jobName = `pn-it-serving-${run}`;
const group = `pn-it-serving-${run}`;

const parsed = parsePipelineSpec({
  ...JSON.parse(JSON.stringify(customerSupport360Example)),
  servingSinks: [
    { kind: 'cassandra', paimonTable: 'customer_case', keyspace: name, name },
    { kind: 'couchdb', paimonTable: 'customer_case', name },
  ],
});
if (!parsed.success) throw new Error(parsed.message);
const spec = parsed.spec;
const [cassandraSink, couchSink] = renderServingSinks(spec);
const sinkTables = renderServingSinkTables(spec);

const registry = UpstreamRegistry.fromConfig(
  new ConfigReader({ dataPlatform: { upstreams: stackUpstreamsConfig() } }),
);
const flink = registry.get('flink');
const kafka = new KafkaClient({ brokers: endpoints.kafkaBrokers });
const cql = new CqlClient({
  contactPoints: endpoints.cassandra.split(','),
  localDataCenter: 'datacenter1',
  // schema changes on a busy 2-core machine take seconds
  socketOptions: { readTimeout: 60_000 },
});

const couch = async (method: string, path: string, body?: unknown) => {
  const secrets = stackSecrets();
  const auth = Buffer.from(
    `${process.env.COUCHDB_USER ?? secrets.COUCHDB_USER}:${
      process.env.COUCHDB_PASSWORD ?? secrets.COUCHDB_PASSWORD
    }`,
  ).toString('base64');
  const res = await fetch(`${endpoints.couchdb}${path}`, {
    method,
    headers: {
      Authorization: `Basic ${auth}`,
      'Content-Type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as any };
};

/** A customer_case row as Debezium's JSON carries it (timestamps as text, decimals as strings). */
const caseRow = (id: number, open: number, total: number, amount: string) => ({
  customer_id: id,
  open_tickets: open,
  total_tickets: total,
  last_ticket_at: `2026-11-24 07:39:4${id}.123456`,
  orders: id * 10,
  ordered_amount: amount,
  captured_amount: '0.00',
});
const event = (op: string, before: unknown, after: unknown) => ({
  before,
  after,
  op,
  ts_ms: Date.now(),
  source: { connector: 'mariadb', db: 'commerce', table: 'customer_case' },
});

async function produce(events: ReturnType<typeof event>[]) {
  const producer = testProducer(testKafka());
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: events.map(e => ({ value: JSON.stringify(e) })),
    });
  } finally {
    await producer.disconnect();
  }
}

const cassandraRows = async () =>
  (
    await cql.execute(`SELECT * FROM "${name}"."${name}"`, [], {
      prepare: false,
    })
  ).rows
    .map(r => ({
      customer_id: r.customer_id as number,
      open_tickets: r.open_tickets as number,
      total_tickets: (r.total_tickets as types.Long).toNumber(),
      last_ticket_at: (r.last_ticket_at as Date).toISOString(),
      orders: (r.orders as types.Long).toNumber(),
      ordered_amount: (r.ordered_amount as types.BigDecimal).toString(),
    }))
    .sort((a, b) => a.customer_id - b.customer_id);

const viewByKey = async (key: number) =>
  (
    await couch(
      'GET',
      `/${name}/_design/${name}/_view/${name}?key=${key}&include_docs=true`,
    )
  ).body.rows as Array<{ id: string; key: number; doc: any }>;

let jobId: string | undefined;
const made = new Set<'topic' | 'keyspace' | 'database'>();

describe('serving sinks in a Flink job → real Cassandra and CouchDB', () => {
  beforeAll(async () => {
    await requireStack('kafka', 'flink', 'gateway', 'cassandra', 'couchdb');
    const overview = await flink.rest.overview();
    if (overview['slots-available'] < 1)
      throw new Error(
        `Flink has no free task slot (${overview['slots-total']} total, ${overview['jobs-running']} job(s) running); cancel a job first`,
      );
  });

  afterAll(async () => {
    const problems: string[] = [];
    const step = (what: string, p: Promise<unknown>) =>
      p.catch(e => problems.push(`${what}: ${e.message}`));
    if (jobId) {
      await step('cancel job', flink.rest.cancel(jobId));
      await step(
        'job CANCELED',
        eventually(`job ${jobId} CANCELED`, 60_000, async () =>
          (
            await flink.rest.listJobs()
          ).find(j => j.jid === jobId && j.state === 'CANCELED'),
        ),
      );
    }
    if (made.has('keyspace'))
      await step(
        'drop keyspace',
        cql.execute(`DROP KEYSPACE IF EXISTS "${name}"`),
      );
    await cql.shutdown().catch(() => undefined);
    if (made.has('database'))
      await step('delete database', couch('DELETE', `/${name}`));
    if (made.has('topic')) {
      await step('delete topic', kafka.deleteTopic(topic));
      await step('delete consumer group', deleteGroups(testKafka(), [group]));
    }
    if (problems.length)
      throw new Error(`cleanup incomplete:\n${problems.join('\n')}`);
  });

  it('upserts and deletes by key in both stores, exactly the source state', async () => {
    // 1. the stores' objects, as the deploy step creates them from the rendered sinks
    made.add('keyspace');
    for (const statement of cassandraSink.cql!) await cql.execute(statement);
    made.add('database');
    expect((await couch('PUT', `/${name}`)).status).toBe(201);
    expect(
      (
        await couch(
          'PUT',
          `/${name}/${couchSink.designDocument!._id}`,
          couchSink.designDocument,
        )
      ).status,
    ).toBe(201);

    // 2. inserts, an update and a delete on a debezium-json topic
    made.add('topic');
    await kafka.ensureTopic({ topic, partitions: 1 });
    await produce([
      event('c', null, caseRow(1, 1, 1, '10.50')),
      event('c', null, caseRow(2, 0, 2, '20.00')),
      event('c', null, caseRow(3, 2, 3, '30.25')),
      event('u', caseRow(2, 0, 2, '20.00'), caseRow(2, 1, 3, '25.75')),
      event('d', caseRow(3, 2, 3, '30.25'), null),
    ]);

    // 3. one job writing both sinks (the rendered sink tables) from one source
    const columns = cassandraSink.columns;
    // Debezium's JSON carries timestamps and decimals as text: the source reads them as STRING
    const asText = (t: string) => /^(TIMESTAMP|DECIMAL)/.test(t);
    const select = `SELECT ${columns
      .map(c =>
        asText(c.flinkType)
          ? `CAST(\`${c.name}\` AS ${c.flinkType})`
          : `\`${c.name}\``,
      )
      .join(', ')} FROM cases_cdc`;
    const results = await runInLakeSession(flink, [
      `CREATE TEMPORARY TABLE cases_cdc (${columns
        .map(
          c => `\`${c.name}\` ${asText(c.flinkType) ? 'STRING' : c.flinkType}`,
        )
        .join(', ')}) WITH (
         'connector' = 'kafka', 'topic' = '${topic}',
         'properties.bootstrap.servers' = '${endpoints.kafkaBrokers.join(',')}',
         'properties.group.id' = '${group}', 'scan.startup.mode' = 'earliest-offset',
         'format' = 'debezium-json')`,
      ...sinkTables.map(t => t.ddl),
      `SET 'pipeline.name' = '${jobName}'`,
      `SET 'table.exec.sink.upsert-materialize' = 'NONE'`,
      `SET 'execution.checkpointing.interval' = '5s'`,
      `SET 'execution.checkpointing.externalized-checkpoint-retention' = 'DELETE_ON_CANCELLATION'`,
      `EXECUTE STATEMENT SET BEGIN\n${sinkTables
        .map(t => `INSERT INTO \`${t.table}\` ${select};`)
        .join('\n')}\nEND`,
    ]);
    jobId = extractJobId(results[results.length - 1]);
    expect(jobId).toMatch(/^[0-9a-f]{32}$/);
    await eventually(`job ${jobId} RUNNING`, 90_000, async () => {
      const j = (await flink.rest.listJobs()).find(x => x.jid === jobId);
      if (j && ['FAILED', 'CANCELED', 'FINISHED'].includes(j.state))
        throw new Error(`job is ${j.state}`);
      return j?.state === 'RUNNING' ? j : undefined;
    });

    // 4. Cassandra: 1 and the updated 2; 3 was inserted and deleted
    const expected = [
      {
        customer_id: 1,
        open_tickets: 1,
        total_tickets: 1,
        last_ticket_at: '2026-11-24T07:39:41.123Z',
        orders: 10,
        ordered_amount: '10.50',
      },
      {
        customer_id: 2,
        open_tickets: 1,
        total_tickets: 3,
        last_ticket_at: '2026-11-24T07:39:42.123Z',
        orders: 20,
        ordered_amount: '25.75',
      },
    ];
    await eventually('Cassandra holds the source state', 90_000, async () => {
      const rows = await cassandraRows();
      return JSON.stringify(rows) === JSON.stringify(expected)
        ? rows
        : undefined;
    }).catch(async e => {
      throw new Error(
        `${e.message}; rows: ${JSON.stringify(await cassandraRows())}`,
      );
    });

    // 5. CouchDB: the view finds the case by key, with the row's exact values; 3 is gone
    const [case2] = await eventually(
      'CouchDB case 2 updated',
      60_000,
      async () => {
        const rows = await viewByKey(2);
        return rows[0]?.doc.ordered_amount === '25.75' ? rows : undefined;
      },
    );
    expect(case2.id).toBe('2');
    expect(case2.doc).toEqual({
      _id: '2',
      // 1- when insert and update of key 2 fell into one flush (last change per key wins), else 2-
      _rev: expect.stringMatching(/^[12]-/),
      customer_id: 2,
      open_tickets: 1,
      total_tickets: 3,
      last_ticket_at: '2026-11-24T07:39:42.123456',
      orders: 20,
      ordered_amount: '25.75',
      captured_amount: '0.00',
      // the sink stamps when it wrote the document: the serving card's freshness
      written_at: expect.stringMatching(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
      ),
    });
    expect(Date.parse(case2.doc.written_at)).toBeGreaterThan(
      Date.now() - 600_000,
    );
    expect((await viewByKey(1))[0].doc.ordered_amount).toBe('10.50');
    expect(await viewByKey(3)).toEqual([]);
    const all = await couch('GET', `/${name}/_all_docs`);
    expect(all.body.rows.map((r: any) => r.id).sort()).toEqual(
      ['1', '2', `_design/${name}`].sort(),
    );

    // 6. while the job runs: a later update and delete reach both stores within seconds
    const sent = Date.now();
    await produce([
      event('u', caseRow(1, 1, 1, '10.50'), caseRow(1, 0, 2, '11.00')),
      event('d', caseRow(2, 1, 3, '25.75'), null),
    ]);
    await eventually('second batch in Cassandra', 30_000, async () => {
      const rows = await cassandraRows();
      return rows.length === 1 && rows[0].ordered_amount === '11.00'
        ? rows
        : undefined;
    });
    await eventually('second batch in CouchDB', 30_000, async () => {
      const gone = (await viewByKey(2)).length === 0;
      const [one] = await viewByKey(1);
      return gone && one?.doc.ordered_amount === '11.00' ? one : undefined;
    });
    // Flushed at least every second: a change is in both stores well within the 5 s target.
    expect(Date.now() - sent).toBeLessThan(15_000);
  });
});
