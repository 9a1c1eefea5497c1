import { z } from 'zod';
import { kafkaTopicName, sqlIdentifier } from './identifiers';
import { authoredSelect, flinkColumnType } from './flinkSqlText';
import { SPEC_LIMITS as LIMITS } from './specLimits';

/**
 * The parts of the spec beyond "CDC table → Paimon copy": plain JSON Kafka streams, Paimon
 * tables filled by an authored SELECT, Kafka sinks, and serving stores. Together with the
 * CDC copy tables they express the five use-case shapes (CDC → lakehouse, enrichment,
 * CEP, join + aggregation, customer 360), all written by ONE Flink job (a STATEMENT SET).
 */

/** Storage options every Paimon table has, copy or derived. */
export const paimonOptionsShape = {
  partitionKeys: z.array(sqlIdentifier).max(LIMITS.keyColumns).default([]),
  /** Fixed bucket count, or -1 for Paimon's dynamic bucket mode. */
  bucket: z
    .number()
    .int()
    .min(-1)
    .max(1024)
    .refine(b => b !== 0, { message: 'bucket must be -1 or ≥ 1' })
    .default(1),
  changelogProducer: z
    .enum(['none', 'input', 'lookup', 'full-compaction'])
    .default('input'),
  mergeEngine: z
    .enum(['deduplicate', 'partial-update', 'aggregation', 'first-row'])
    .default('deduplicate'),
  /** Iceberg-compatible metadata + full compaction per commit, so Trino's Iceberg connector reads it. */
  trinoReadable: z.boolean().default(true),
};

export const flinkColumnSchema = z
  .object({
    name: sqlIdentifier,
    /** Flink SQL type, e.g. `BIGINT`, `DECIMAL(12, 2)`, `TIMESTAMP(3)`. */
    type: flinkColumnType,
    nullable: z.boolean().default(true),
  })
  .strict();

/** A plain JSON Kafka topic read as a temporary table named `name` (not CDC: rows are appended). */
export const streamSchema = z
  .object({
    name: sqlIdentifier,
    topic: kafkaTopicName,
    format: z.literal('json').default('json'),
    columns: z.array(flinkColumnSchema).min(1).max(LIMITS.columns),
    /** Event-time attribute: a TIMESTAMP(≤3)/TIMESTAMP_LTZ(≤3) column with a bounded-delay watermark. */
    eventTime: z
      .object({
        column: sqlIdentifier,
        watermarkDelaySeconds: z.number().int().min(0).max(86400).default(5),
      })
      .strict()
      .optional(),
    /** Adds `<name> AS PROCTIME()`, needed by lookup joins (`FOR SYSTEM_TIME AS OF`). */
    processingTimeColumn: sqlIdentifier.optional(),
    startupMode: z
      .enum(['earliest-offset', 'latest-offset', 'group-offsets'])
      .default('earliest-offset'),
    timestampFormat: z.enum(['ISO-8601', 'SQL']).default('ISO-8601'),
    /** Skip messages that are not JSON of this shape instead of failing the job. */
    skipMalformed: z.boolean().default(false),
  })
  .strict();

/**
 * A Paimon table whose rows come from an authored Flink SQL SELECT (template-authored text).
 * The SELECT may name streams, CDC copy tables and other Paimon tables of the spec unqualified:
 * the job runs `USE <catalog>.<database>` first. A primary key is required: joins and
 * aggregations emit updates, which only a primary-key table can merge.
 */
export const derivedTableSchema = z
  .object({
    name: sqlIdentifier,
    description: z.string().max(1000).optional(),
    columns: z.array(flinkColumnSchema).min(1).max(LIMITS.columns),
    primaryKey: z
      .array(sqlIdentifier)
      .min(1, { message: 'a derived table needs a primary key' })
      .max(LIMITS.keyColumns),
    ...paimonOptionsShape,
    select: authoredSelect,
  })
  .strict();

/**
 * A Kafka topic written by the job as JSON (temporary table `name`). Kafka's plain connector
 * only takes appends: a SELECT that emits updates (regular join, group aggregate) fails EXPLAIN.
 */
export const kafkaSinkSchema = z
  .object({
    name: sqlIdentifier,
    topic: kafkaTopicName,
    format: z.literal('json').default('json'),
    columns: z.array(flinkColumnSchema).min(1).max(LIMITS.columns),
    deliveryGuarantee: z
      .enum(['at-least-once', 'exactly-once'])
      .default('at-least-once'),
    select: authoredSelect,
  })
  .strict();

/**
 * Where a Paimon table is served. Trino reads Paimon's Iceberg metadata; Cassandra and CouchDB
 * are written by the job itself (upsert by primary key, deletes included, see
 * renderServingSinks); Doris is declarative (rendered as documentation only).
 */
export const servingSinkSchema = z
  .object({
    kind: z.enum(['trino', 'cassandra', 'couchdb', 'doris']),
    paimonTable: sqlIdentifier,
    /** Table / database name in the serving store; defaults to the Paimon table's name. */
    name: sqlIdentifier.optional(),
    /** Cassandra keyspace; defaults to the spec's catalog database. */
    keyspace: sqlIdentifier.optional(),
  })
  .strict()
  .superRefine((sink, ctx) => {
    // Names that are valid identifiers but address the store's own objects: CouchDB's system
    // databases start with "_" (_users, _replicator), Cassandra's keyspaces with "system".
    const name = sink.name ?? sink.paimonTable;
    if (sink.kind === 'couchdb' && !/^[a-z]/.test(name))
      ctx.addIssue({
        code: 'custom',
        path: [sink.name ? 'name' : 'paimonTable'],
        message:
          'couchdbDatabase: a CouchDB database name must start with a letter ("_" names are CouchDB\'s system databases)',
      });
    if (sink.kind === 'cassandra' && sink.keyspace?.startsWith('system'))
      ctx.addIssue({
        code: 'custom',
        path: ['keyspace'],
        message:
          'cassandraKeyspace: keyspaces starting with "system" are Cassandra\'s own',
      });
  });
