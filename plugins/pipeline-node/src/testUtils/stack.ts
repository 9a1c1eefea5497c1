import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

// Endpoints of the local stack (infra/local), overridable for another environment.
export const stackDir =
  process.env.STACK_DIR ??
  resolvePackagePath(
    '@internal/backstage-plugin-pipeline-node',
    '../../infra/local',
  );

export const endpoints = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  connect: process.env.KAFKA_CONNECT_URL ?? 'http://127.0.0.1:8083',
  flinkRest: process.env.FLINK_REST_URL ?? 'http://127.0.0.1:8081',
  sqlGateway: process.env.FLINK_SQL_GATEWAY_URL ?? 'http://127.0.0.1:8090',
  nessie: process.env.NESSIE_URL ?? 'http://127.0.0.1:19120',
  trino: process.env.TRINO_URL ?? 'http://127.0.0.1:8085',
  cassandra: process.env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042',
  couchdb: process.env.COUCHDB_URL ?? 'http://127.0.0.1:5984',
  mariadb: {
    host: process.env.MARIADB_HOST ?? '127.0.0.1',
    port: Number(process.env.MARIADB_PORT ?? 3307),
    // root@localhost authenticates through the socket (unix_socket plugin) on the stack's server.
    socketPath: process.env.MARIADB_PASSWORD
      ? undefined
      : process.env.MARIADB_SOCKET ??
        path.join(stackDir, '.state/run/mariadb.sock'),
    user: process.env.MARIADB_USER ?? 'root',
    password: process.env.MARIADB_PASSWORD,
  },
  postgres: {
    host: process.env.POSTGRES_HOST ?? '127.0.0.1',
    port: Number(process.env.POSTGRES_PORT ?? 5433),
    user: process.env.POSTGRES_USER ?? 'postgres',
    password: process.env.POSTGRES_PASSWORD,
    database: process.env.POSTGRES_DB ?? 'commerce',
  },
};

/** A per-run suffix: names stay unique across re-runs and are easy to spot. */
export const runSuffix = () => `${Date.now()}`;

type Probe =
  | 'kafka'
  | 'connect'
  | 'flink'
  | 'gateway'
  | 'nessie'
  | 'trino'
  | 'mariadb'
  | 'postgres'
  | 'cassandra'
  | 'couchdb';

function tcpProbe(host: string, port: number): Promise<string | undefined> {
  return new Promise(resolve => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('no answer within 3 s');
    });
    socket.once('error', e =>
      resolve((e as NodeJS.ErrnoException).code ?? e.message),
    );
  });
}

async function httpProbe(url: string): Promise<string | undefined> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return res.ok ? undefined : `HTTP ${res.status}`;
  } catch (e) {
    return (
      ((e as Error).cause as NodeJS.ErrnoException)?.code ??
      (e as Error).message
    );
  }
}

/**
 * Fails (never skips) with one message naming every unreachable component, so a test run
 * without the stack says what to do instead of timing out somewhere inside a test.
 */
export async function requireStack(...needs: Probe[]): Promise<void> {
  const [kafkaHost, kafkaPort] = endpoints.kafkaBrokers[0].split(':');
  const probes: Record<Probe, [string, () => Promise<string | undefined>]> = {
    kafka: [
      `kafka at ${endpoints.kafkaBrokers[0]}`,
      () => tcpProbe(kafkaHost, Number(kafkaPort)),
    ],
    connect: [
      `kafka-connect at ${endpoints.connect}`,
      () => httpProbe(`${endpoints.connect}/`),
    ],
    flink: [
      `flink-rest at ${endpoints.flinkRest}`,
      () => httpProbe(`${endpoints.flinkRest}/overview`),
    ],
    gateway: [
      `flink-sql-gateway at ${endpoints.sqlGateway}`,
      () => httpProbe(`${endpoints.sqlGateway}/v1/info`),
    ],
    nessie: [
      `nessie at ${endpoints.nessie}`,
      () => httpProbe(`${endpoints.nessie}/api/v2/config`),
    ],
    trino: [
      `trino at ${endpoints.trino}`,
      () => httpProbe(`${endpoints.trino}/v1/info`),
    ],
    mariadb: [
      `mariadb at ${endpoints.mariadb.host}:${endpoints.mariadb.port}`,
      () => tcpProbe(endpoints.mariadb.host, endpoints.mariadb.port),
    ],
    postgres: [
      `postgres at ${endpoints.postgres.host}:${endpoints.postgres.port}`,
      () => tcpProbe(endpoints.postgres.host, endpoints.postgres.port),
    ],
    cassandra: [
      `cassandra at ${endpoints.cassandra}`,
      () => {
        const [host, port] = endpoints.cassandra.split(',')[0].split(':');
        return tcpProbe(host, Number(port ?? 9042));
      },
    ],
    couchdb: [
      `couchdb at ${endpoints.couchdb}`,
      () => httpProbe(`${endpoints.couchdb}/_up`),
    ],
  };
  const results = await Promise.all(
    needs.map(async n => {
      const [label, probe] = probes[n];
      const problem = await probe();
      return problem ? `  - ${label}: ${problem}` : undefined;
    }),
  );
  const down = results.filter(Boolean);
  if (down.length) {
    throw new Error(
      `The local stack is not reachable; start it with "infra/local/stack start" (or set the *_URL env vars):\n${down.join(
        '\n',
      )}`,
    );
  }
}

/** The stack's generated secrets (S3 keys, CDC password), from env or infra/local/.state/secrets. */
export function stackSecrets(): Record<string, string> {
  const file = path.join(stackDir, '.state/secrets/stack.env');
  const out: Record<string, string> = {};
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const m = line.match(/^([A-Z0-9_]+)=(.*)$/);
      if (m) out[m[1]] = m[2];
    }
  }
  for (const key of ['S3_ACCESS_KEY', 'S3_SECRET_KEY']) {
    if (process.env[key]) out[key] = process.env[key]!;
    if (!out[key])
      throw new Error(
        `${key} is neither set nor in ${file}; has the stack been started?`,
      );
  }
  return out;
}

/** Where Connect's FileConfigProvider finds the CDC credentials (connector JSON only references it). */
export const cdcSecretsFile = () =>
  process.env.CDC_SECRETS_FILE ??
  path.join(stackDir, '.state/secrets/cdc.properties');

/** `CREATE CATALOG lake …` on the stack's warehouse, as every portal session creates it. */
export function stackCatalogDdl(): string {
  const secrets = stackSecrets();
  const options: Record<string, string> = {
    type: 'paimon',
    warehouse: 's3://paimon/warehouse',
    's3.endpoint': 'http://127.0.0.1:9000',
    's3.path.style.access': 'true',
    's3.access-key': secrets.S3_ACCESS_KEY,
    's3.secret-key': secrets.S3_SECRET_KEY,
  };
  return `CREATE CATALOG lake WITH (${Object.entries(options)
    .map(([k, v]) => `'${k}' = '${v}'`)
    .join(', ')})`;
}

/** Polls `fn` until it returns a value; fails naming what never happened and the last problem seen. */
export async function eventually<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined>,
  intervalMs = 1000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = 'no result yet';
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not reached within ${timeoutMs} ms (last: ${
          last instanceof Error ? last.message : String(last)
        })`,
      );
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

export const testKafka = () =>
  new Kafka({
    clientId: 'pipeline-node-it',
    brokers: endpoints.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });

export const testProducer = (kafka: Kafka) =>
  kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

export interface TailedMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: any;
}

/** Reads a topic from the beginning in the background; `waitFor` resolves once a predicate holds. */
export async function tailTopic(kafka: Kafka, topic: string, groupId: string) {
  const messages: TailedMessage[] = [];
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const text = message.value?.toString();
      messages.push({
        partition,
        offset: message.offset,
        key: message.key?.toString() ?? null,
        value: text === undefined ? null : JSON.parse(text),
      });
    },
  });
  return {
    messages,
    waitFor: (
      what: string,
      timeoutMs: number,
      pred: (m: TailedMessage[]) => boolean,
    ) =>
      eventually(
        what,
        timeoutMs,
        async () => (pred(messages) ? messages : undefined),
        250,
      ).catch(e => {
        throw new Error(
          `${e.message}; ${messages.length} message(s) seen on ${topic}`,
        );
      }),
    stop: () => consumer.disconnect(),
  };
}

/** Removes consumer groups a test created; ignores groups that are already gone. */
export async function deleteGroups(kafka: Kafka, groupIds: string[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteGroups(groupIds).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

/** `dataPlatform.upstreams` pointing at the local stack, as app-config.yaml has it. */
export function stackUpstreamsConfig(overrides: { s3SecretKey?: string } = {}) {
  const secrets = stackSecrets();
  return {
    flink: [
      {
        name: 'local',
        restUrl: endpoints.flinkRest,
        sqlGatewayUrl: endpoints.sqlGateway,
        timeoutMs: 60_000,
        paimonCatalog: {
          name: 'lake',
          warehouse: 's3://paimon/warehouse',
          s3: {
            endpoint: 'http://127.0.0.1:9000',
            pathStyleAccess: true,
            accessKey: secrets.S3_ACCESS_KEY,
            secretKey: overrides.s3SecretKey ?? secrets.S3_SECRET_KEY,
          },
        },
      },
    ],
    kafka: [{ name: 'local', brokers: endpoints.kafkaBrokers }],
    kafkaConnect: [
      { name: 'local', url: endpoints.connect, timeoutMs: 60_000 },
    ],
    nessie: [{ name: 'local', url: endpoints.nessie }],
    trino: [
      {
        name: 'local',
        url: endpoints.trino,
        user: 'portal-tests',
        catalog: 'lakehouse',
      },
    ],
  };
}
