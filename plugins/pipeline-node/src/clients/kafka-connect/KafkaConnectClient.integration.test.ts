import mysql from 'mysql2/promise';
import { Client as PgClient } from 'pg';
import { KafkaConnectClient, ConnectorConfig } from './KafkaConnectClient';
import { KafkaClient } from '../kafka/KafkaClient';
import {
  cdcSecretsFile,
  deleteGroups,
  endpoints,
  eventually,
  requireStack,
  runSuffix,
  tailTopic,
  testKafka,
  TailedMessage,
} from '../../__testUtils__/stack';

// Two Debezium connectors, each on its own test table: a probe row proves the connector
// streams, then INSERT / UPDATE / DELETE of one row must arrive as op c / u / d.
jest.setTimeout(180_000);

const run = runSuffix();
const connect = new KafkaConnectClient({
  baseUrl: endpoints.connect,
  timeoutMs: 15_000,
});
const kafkaAdmin = new KafkaClient({ brokers: endpoints.kafkaBrokers });
const kafka = testKafka();
const secret = (key: string) => `\${file:${cdcSecretsFile()}:${key}}`;

/** Debezium events of one row id, tombstones left out. */
const eventsOf = (messages: TailedMessage[], id: number) =>
  messages
    .filter(
      m => m.value && (m.value.after?.id === id || m.value.before?.id === id),
    )
    .map(m => m.value);

async function waitRunning(name: string) {
  return eventually(
    `connector ${name} and its task RUNNING`,
    60_000,
    async () => {
      const s = await connect.getStatus(name);
      const failed = s.tasks.find(t => t.state === 'FAILED');
      if (failed)
        throw new Error(`task FAILED: ${failed.trace?.split('\n')[0]}`);
      return s.connector.state === 'RUNNING' &&
        s.tasks.length > 0 &&
        s.tasks.every(t => t.state === 'RUNNING')
        ? s
        : undefined;
    },
  );
}

/**
 * Registers the connector, waits until it streams (probe row id 1 seen), runs the three
 * statements on row id 2 and returns that row's change events.
 */
async function captureChanges(opts: {
  name: string;
  config: ConnectorConfig;
  topic: string;
  dml: (sql: string) => Promise<unknown>;
  table: string;
}) {
  const validation = await connect.validateConfig(
    opts.config['connector.class'],
    { ...opts.config, name: opts.name },
  );
  expect(validation.fieldErrors).toEqual({});
  expect(validation.errorCount).toBe(0);

  await kafkaAdmin.ensureTopic({ topic: opts.topic, partitions: 1 });
  const tail = await tailTopic(kafka, opts.topic, `${opts.name}-reader`);
  try {
    expect((await connect.upsertConfig(opts.name, opts.config)).outcome).toBe(
      'created',
    );
    expect((await connect.upsertConfig(opts.name, opts.config)).outcome).toBe(
      'unchanged',
    );
    await waitRunning(opts.name);
    expect((await connect.listConnectors()).map(c => c.name)).toContain(
      opts.name,
    );

    await opts.dml(
      `INSERT INTO ${opts.table} (id, label, qty) VALUES (1, 'probe', 0)`,
    );
    await tail.waitFor(
      'probe row captured (snapshot or stream)',
      60_000,
      m => eventsOf(m, 1).length > 0,
    );

    await opts.dml(
      `INSERT INTO ${opts.table} (id, label, qty) VALUES (2, 'widget', 1)`,
    );
    await opts.dml(`UPDATE ${opts.table} SET qty = 5 WHERE id = 2`);
    await opts.dml(`DELETE FROM ${opts.table} WHERE id = 2`);
    await tail.waitFor(
      'c, u and d events of row 2',
      60_000,
      m => eventsOf(m, 2).length >= 3,
    );
    return eventsOf(tail.messages, 2);
  } finally {
    await tail.stop();
  }
}

function expectCud(events: any[]) {
  expect(events.map(e => e.op)).toEqual(['c', 'u', 'd']);
  expect(events[0]).toMatchObject({
    before: null,
    after: { id: 2, label: 'widget', qty: 1 },
  });
  expect(events[1]).toMatchObject({ after: { id: 2, qty: 5 } });
  expect(events[2]).toMatchObject({ before: { id: 2 }, after: null });
}

describe('Debezium CDC through KafkaConnectClient', () => {
  beforeAll(() => requireStack('kafka', 'connect', 'mariadb', 'postgres'));

  describe('MariaDB', () => {
    const name = `pn-it-mariadb-${run}`;
    const prefix = `pnit-m-${run}`;
    const table = `pn_it_${run}`;
    const topic = `${prefix}.commerce.${table}`;
    const historyTopic = `_schema-history.${prefix}`;
    let db: mysql.Connection | undefined;

    afterAll(async () => {
      await connect.delete(name).catch(() => undefined);
      await db
        ?.query(`DROP TABLE IF EXISTS commerce.${table}`)
        .catch(() => undefined);
      await db?.end().catch(() => undefined);
      for (const t of [topic, historyTopic])
        await kafkaAdmin.deleteTopic(t).catch(() => undefined);
      await deleteGroups(kafka, [`${name}-reader`]).catch(() => undefined);
    });

    it('turns INSERT, UPDATE and DELETE into op c/u/d events', async () => {
      db = await mysql.createConnection({
        ...endpoints.mariadb,
        database: 'commerce',
      });
      await db.query(
        `CREATE TABLE commerce.${table} (id INT PRIMARY KEY, label VARCHAR(40) NOT NULL, qty INT NOT NULL)`,
      );
      const events = await captureChanges({
        name,
        topic,
        table: `commerce.${table}`,
        dml: sql => db!.query(sql),
        config: {
          'connector.class': 'io.debezium.connector.mariadb.MariaDbConnector',
          'tasks.max': '1',
          'database.hostname': endpoints.mariadb.host,
          'database.port': String(endpoints.mariadb.port),
          'database.user': secret('mariadb.user'),
          'database.password': secret('mariadb.password'),
          'database.ssl.mode': 'disable',
          // unique per connector among the server's replication clients
          'database.server.id': String(100_000 + (Number(run) % 800_000)),
          'topic.prefix': prefix,
          'database.include.list': 'commerce',
          'table.include.list': `commerce.${table}`,
          'schema.history.internal.kafka.bootstrap.servers':
            endpoints.kafkaBrokers.join(','),
          'schema.history.internal.kafka.topic': historyTopic,
          'include.schema.changes': 'false',
          'snapshot.mode': 'initial',
        },
      });
      expectCud(events);
      expect(events[0].source).toMatchObject({
        connector: 'mariadb',
        db: 'commerce',
        table,
      });
      await expect(connect.delete(name)).resolves.toBe(true);
    });
  });

  describe('PostgreSQL', () => {
    const name = `pn-it-postgres-${run}`;
    const prefix = `pnit-p-${run}`;
    const table = `pn_it_${run}`;
    const slot = `pn_it_${run}`;
    const topic = `${prefix}.public.${table}`;
    let db: PgClient | undefined;

    afterAll(async () => {
      await connect.delete(name).catch(() => undefined);
      if (db) {
        // The slot stays active until the deleted connector's task has stopped.
        await eventually(
          `replication slot ${slot} released`,
          30_000,
          async () => {
            const r = await db!.query(
              'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
              [slot],
            );
            return r.rowCount === 0 || !r.rows[0].active ? true : undefined;
          },
        ).catch(() => undefined);
        await db
          .query(
            'SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = $1',
            [slot],
          )
          .catch(() => undefined);
        await db
          .query(`DROP PUBLICATION IF EXISTS ${slot}`)
          .catch(() => undefined);
        await db
          .query(`DROP TABLE IF EXISTS public.${table}`)
          .catch(() => undefined);
        await db.end().catch(() => undefined);
      }
      await kafkaAdmin.deleteTopic(topic).catch(() => undefined);
      await deleteGroups(kafka, [`${name}-reader`]).catch(() => undefined);
    });

    it('turns INSERT, UPDATE and DELETE into op c/u/d events and leaves no replication slot', async () => {
      db = new PgClient(endpoints.postgres);
      await db.connect();
      await db.query(
        `CREATE TABLE public.${table} (id INT PRIMARY KEY, label TEXT NOT NULL, qty INT NOT NULL)`,
      );
      await db.query(`ALTER TABLE public.${table} REPLICA IDENTITY FULL`);
      await db.query(`GRANT SELECT ON public.${table} TO cdc`);
      // The stack's cdc role does not own tables, so the publication is made here (as the stack does).
      await db.query(`CREATE PUBLICATION ${slot} FOR TABLE public.${table}`);

      const events = await captureChanges({
        name,
        topic,
        table: `public.${table}`,
        dml: sql => db!.query(sql),
        config: {
          'connector.class':
            'io.debezium.connector.postgresql.PostgresConnector',
          'tasks.max': '1',
          'database.hostname': endpoints.postgres.host,
          'database.port': String(endpoints.postgres.port),
          'database.user': secret('postgres.user'),
          'database.password': secret('postgres.password'),
          'database.dbname': endpoints.postgres.database,
          'topic.prefix': prefix,
          'plugin.name': 'pgoutput',
          'slot.name': slot,
          'publication.name': slot,
          'publication.autocreate.mode': 'disabled',
          'table.include.list': `public.${table}`,
          'snapshot.mode': 'initial',
        },
      });
      expectCud(events);
      expect(events[0].source).toMatchObject({
        connector: 'postgresql',
        schema: 'public',
        table,
      });
      expect(events[1].before).toMatchObject({ id: 2, qty: 1 }); // REPLICA IDENTITY FULL

      await expect(connect.delete(name)).resolves.toBe(true);
      await eventually(
        `replication slot ${slot} released`,
        30_000,
        async () => {
          const r = await db!.query(
            'SELECT active FROM pg_replication_slots WHERE slot_name = $1',
            [slot],
          );
          return r.rowCount === 1 && !r.rows[0].active ? true : undefined;
        },
      );
      await db.query('SELECT pg_drop_replication_slot($1)', [slot]);
      const left = await db.query(
        'SELECT 1 FROM pg_replication_slots WHERE slot_name = $1',
        [slot],
      );
      expect(left.rowCount).toBe(0);
    });
  });
});
