import { z } from 'zod';
import {
  connectorName,
  entityName,
  entityRef,
  hostName,
  kafkaTopicName,
  nessieRef,
  sqlIdentifier,
} from './identifiers';
import { credentialReference } from './credentials';
import { typeMappingOption } from './typeMapping';
import { checkCrossFieldRules } from './crossFieldRules';
import { SPEC_LIMITS as LIMITS } from './specLimits';
import {
  derivedTableSchema,
  kafkaSinkSchema,
  paimonOptionsShape,
  servingSinkSchema,
  streamSchema,
} from './shapeSchemas';

/**
 * The pipeline spec: the one model templates render, actions deploy and plugins read back.
 * CDC sources → Paimon copy tables is the core; streams, derived tables, Kafka sinks and
 * serving sinks (shapeSchemas.ts) add enrichment, CEP, aggregation and customer-360 shapes.
 * Defaults mirror the verified local stack (infra/local): 30 s checkpoints, bucket 1,
 * changelog-producer input, merge-engine deduplicate, freshness SLO 120 s.
 */

const sourceColumnSchema = z
  .object({
    name: sqlIdentifier,
    /** The column type as the source database declares it, e.g. `decimal(12,2)`. */
    type: z.string().max(64),
    nullable: z.boolean().default(true),
  })
  .strict();

const sourceTableSchema = z
  .object({
    name: sqlIdentifier,
    primaryKey: z
      .array(sqlIdentifier)
      .min(1, { message: 'a CDC table needs a primary key' })
      .max(LIMITS.keyColumns),
    columns: z.array(sourceColumnSchema).min(1).max(LIMITS.columns),
  })
  .strict();

const connectorSchema = z
  .object({
    name: connectorName,
    /** Debezium `topic.prefix`; topics are `<prefix>.<database|schema>.<table>`. */
    topicPrefix: kafkaTopicName,
    user: credentialReference,
    password: credentialReference,
    snapshotMode: z
      .enum(['initial', 'no_data', 'when_needed'])
      .default('initial'),
  })
  .strict();

const sourceSchema = z
  .object({
    /** Logical name other parts of the spec refer to. */
    name: sqlIdentifier,
    kind: z.enum(['mariadb', 'mysql', 'postgres']),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    database: sqlIdentifier,
    /** PostgreSQL schema; ignored for MariaDB/MySQL. */
    schema: sqlIdentifier.default('public'),
    tables: z.array(sourceTableSchema).min(1).max(LIMITS.tablesPerSource),
    connector: connectorSchema,
  })
  .strict();

const topicSchema = z
  .object({
    name: kafkaTopicName,
    partitions: z.number().int().min(1).max(1000).default(3),
    replicationFactor: z.number().int().min(1).max(10).default(1),
    retentionMs: z
      .number()
      .int()
      .min(-1)
      .default(7 * 24 * 3600 * 1000),
    cleanupPolicy: z
      .enum(['delete', 'compact', 'compact,delete'])
      .default('delete'),
  })
  .strict();

const paimonTableSchema = z
  .object({
    name: sqlIdentifier,
    from: z.object({ source: sqlIdentifier, table: sqlIdentifier }).strict(),
    /** Subset of the source table's columns, in order; all columns when omitted. */
    columns: z.array(sqlIdentifier).min(1).max(LIMITS.columns).optional(),
    /** Defaults to the source table's primary key. */
    primaryKey: z.array(sqlIdentifier).min(1).max(LIMITS.keyColumns).optional(),
    ...paimonOptionsShape,
    typeMapping: z.array(typeMappingOption).max(10).default([]),
  })
  .strict();

export const pipelineSpecSchema = z
  .object({
    apiVersion: z
      .literal('dataplatform.io/v1alpha1')
      .default('dataplatform.io/v1alpha1'),
    /** Pipeline name = Backstage component name; connector ids and slots derive from it. */
    name: entityName,
    owner: entityRef,
    description: z.string().max(1000).optional(),
    sources: z.array(sourceSchema).min(1).max(LIMITS.sources),
    topics: z.array(topicSchema).min(1).max(LIMITS.topics),
    /** Catalog naming: tables are `<database>.<table>`, e.g. `commerce.finance_fact`. */
    catalog: z.object({ database: sqlIdentifier }).strict(),
    paimonTables: z.array(paimonTableSchema).min(1).max(LIMITS.tables),
    flinkJob: z
      .object({
        name: entityName,
        checkpointIntervalSeconds: z
          .number()
          .int()
          .min(1)
          .max(3600)
          .default(30),
        parallelism: z.number().int().min(1).max(256).default(1),
      })
      .strict(),
    /** Plain JSON Kafka streams (behaviour events, inventory deltas...). */
    streams: z.array(streamSchema).max(LIMITS.parts).default([]),
    /** Paimon tables filled by an authored SELECT (enrichment, CEP, joins, aggregations). */
    derivedTables: z.array(derivedTableSchema).max(LIMITS.parts).default([]),
    /** Kafka topics the job writes (alerts). */
    kafkaSinks: z.array(kafkaSinkSchema).max(LIMITS.parts).default([]),
    servingSinks: z.array(servingSinkSchema).max(LIMITS.parts).default([]),
    nessie: z
      .object({
        branch: nessieRef,
        /** Tag name pattern; `yyyymmdd` is replaced by the day, e.g. `finance/daily-yyyymmdd`. */
        tagPolicy: z.string().max(200),
      })
      .strict(),
    slo: z
      .object({
        freshnessSeconds: z.number().int().min(1).default(120),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine(checkCrossFieldRules, {
    // Cross-field rules compare names; they only make sense (and only echo safe names in
    // their messages) once every field passed its own rule.
    when: payload => payload.issues.length === 0,
  });

export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;
/** What authors write: everything with a default is optional. */
export type PipelineSpecInput = z.input<typeof pipelineSpecSchema>;
export type PipelineSource = PipelineSpec['sources'][number];
export type PipelineSourceTable = PipelineSource['tables'][number];
export type PaimonTableSpec = PipelineSpec['paimonTables'][number];
export type StreamSpec = PipelineSpec['streams'][number];
export type DerivedTableSpec = PipelineSpec['derivedTables'][number];
export type KafkaSinkSpec = PipelineSpec['kafkaSinks'][number];
export type ServingSinkSpec = PipelineSpec['servingSinks'][number];
export type FlinkColumnSpec = StreamSpec['columns'][number];

export type ParseResult =
  | { success: true; spec: PipelineSpec }
  | { success: false; errors: string[]; message: string };

/** Parses untrusted input; on failure lists every problem as `path: message`. */
export function parsePipelineSpec(input: unknown): ParseResult {
  const result = pipelineSpecSchema.safeParse(input);
  if (result.success) return { success: true, spec: result.data };
  const errors = result.error.issues.map(
    issue =>
      `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
  return { success: false, errors, message: errors.join('\n') };
}
