import { Client as CassandraClient } from 'cassandra-driver';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import mysql from 'mysql2/promise';
import { Pool } from 'pg';

/** Where the generator writes: the stack's own MariaDB, PostgreSQL and Kafka (env overrides). */
export interface Endpoints {
  mariadbSocket?: string;
  mariadbHost: string;
  mariadbPort: number;
  postgres: { host: string; port: number; user: string; database: string };
  kafkaBrokers: string[];
  cassandraContactPoints: string[];
}

export const endpointsFromEnv = (env = process.env): Endpoints => ({
  mariadbSocket: env.MARIADB_SOCKET,
  mariadbHost: env.MARIADB_HOST ?? '127.0.0.1',
  mariadbPort: Number(env.MARIADB_PORT ?? 3307),
  postgres: {
    host: env.POSTGRES_HOST ?? '127.0.0.1',
    port: Number(env.POSTGRES_PORT ?? 5433),
    user: env.POSTGRES_USER ?? 'postgres',
    database: env.POSTGRES_DB ?? 'commerce',
  },
  kafkaBrokers: (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  cassandraContactPoints: (
    env.CASSANDRA_CONTACT_POINTS ?? '127.0.0.1:9042'
  ).split(','),
});

/**
 * The event stream the generator owns: the storefront's behaviour. (Inventory deltas are rows of
 * the OMS's Cassandra table `inventory.inventory_deltas`; Debezium streams them to Kafka.)
 */
export const PLATFORM_STREAMS = [{ topic: 'behavior', numPartitions: 3 }];

export interface Sinks {
  mariadb: mysql.Pool;
  postgres: Pool;
  producer: Producer;
  cassandra: CassandraClient;
  close(): Promise<void>;
}

export async function openSinks(endpoints: Endpoints): Promise<Sinks> {
  const mariadb = mysql.createPool({
    ...(endpoints.mariadbSocket
      ? { socketPath: endpoints.mariadbSocket }
      : { host: endpoints.mariadbHost, port: endpoints.mariadbPort }),
    user: 'root',
    database: 'commerce',
    connectionLimit: 2,
  });
  const postgres = new Pool({ ...endpoints.postgres, max: 2 });
  const kafka = new Kafka({
    clientId: 'stack-generator',
    brokers: endpoints.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const existing = await admin.listTopics();
  const missing = PLATFORM_STREAMS.filter(s => !existing.includes(s.topic));
  if (missing.length)
    await admin.createTopics({
      topics: missing.map(s => ({ ...s, replicationFactor: 1 })),
    });
  await admin.disconnect();
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const cassandra = new CassandraClient({
    contactPoints: endpoints.cassandraContactPoints,
    localDataCenter: 'datacenter1',
  });
  await cassandra.connect();
  return {
    mariadb,
    postgres,
    producer,
    cassandra,
    async close() {
      await producer.disconnect().catch(() => undefined);
      await cassandra.shutdown().catch(() => undefined);
      await mariadb.end().catch(() => undefined);
      await postgres.end().catch(() => undefined);
    },
  };
}
