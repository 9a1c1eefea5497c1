import { z } from 'zod';
import { quoteIdent } from '../identifiers';

/**
 * SQL text helpers. Identifiers go through quoteIdent (validated + backticks); values go
 * through sqlString (single quotes doubled). Nothing else is ever concatenated into SQL.
 */
export function sqlString(value: string | number): string {
  const text = String(value);
  // Control characters have no business in option values; refusing them keeps statements one line each.
  if (
    [...text].some(ch => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)
  )
    throw new Error('sqlString: control characters are not allowed');
  return `'${text.replace(/'/g, "''")}'`;
}

/** `'key' = 'value'` lines of a WITH (...) clause or a SET statement. */
export function sqlOptions(
  options: Record<string, string | number>,
  indent = '  ',
): string {
  return Object.entries(options)
    .map(([k, v]) => `${indent}${sqlString(k)} = ${sqlString(v)}`)
    .join(',\n');
}

export const sqlSet = (key: string, value: string | number) =>
  `SET ${sqlString(key)} = ${sqlString(value)}`;

/** `a`.`b`.`c` from validated parts. */
export const qualified = (...parts: string[]) =>
  parts.map(quoteIdent).join('.');

/** Joins statements into one script, e.g. for `stack flink-sql`. */
export const toSqlScript = (statements: string[]) =>
  statements.map(s => `${s};`).join('\n');

/**
 * Where the rendered artefacts run. Defaults are the local stack's (infra/local).
 * Catalog credentials are not part of it: the deploy step creates the catalog from its own secrets.
 */
export const renderTargetSchema = z.object({
  kafkaBootstrapServers: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, {
      message: 'host:port[,host:port...]',
    })
    .default('127.0.0.1:9092'),
  /** Name of the Paimon catalog in the Flink session (`lake` on the local stack). */
  paimonCatalog: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/)
    .default('lake'),
  /** Debezium MariaDB `database.ssl.mode`; the local MariaDB has no TLS. */
  databaseSslMode: z
    .string()
    .regex(/^[a-z_-]{1,32}$/)
    .default('disable'),
  /** Contact points of the Cassandra serving sinks (the job's `hosts` option). */
  cassandraHosts: z
    .string()
    .regex(/^[A-Za-z0-9.-]+:\d{1,5}(,[A-Za-z0-9.-]+:\d{1,5})*$/, {
      message: 'host:port[,host:port...]',
    })
    .default('127.0.0.1:9042'),
  /** Cassandra's local datacenter (SimpleSnitch names it datacenter1). */
  cassandraLocalDatacenter: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .default('datacenter1'),
  /** Replication factor of the keyspaces the serving sinks create (SimpleStrategy; 1 on one node). */
  cassandraReplicationFactor: z.number().int().min(1).max(5).default(1),
  /** Base URL of the CouchDB API the CouchDB serving sinks write (no path, no credentials). */
  couchdbUrl: z
    .string()
    .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/, {
      message: 'http(s)://host[:port]',
    })
    .default('http://127.0.0.1:5984'),
  /**
   * Nessie's REST API as Flink's TaskManagers reach it. When set, Trino-readable Paimon tables
   * get the commit callback that records every snapshot in Nessie (infra/jvm/paimon-nessie-callback).
   * No default: it is the stack's, not the spec's, so rendered repositories do not carry it and
   * the deploy adds it from the configured Nessie instance.
   */
  nessieUri: z
    .string()
    .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~-]+)*\/?$/, {
      message: 'http(s)://host[:port][/path]',
    })
    .optional(),
});
export type RenderTarget = z.infer<typeof renderTargetSchema>;
export type RenderTargetInput = z.input<typeof renderTargetSchema>;
export const resolveTarget = (target: RenderTargetInput = {}) =>
  renderTargetSchema.parse(target);
