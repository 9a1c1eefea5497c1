import { z } from 'zod';
import { entityRef, sqlIdentifier } from '../identifiers';
import { MAX_SELECT_LENGTH } from '../flinkSqlText';
import {
  FRAUD_CEP_LIMITS,
  FraudCepParams,
  INTEREST_LIMITS,
  InterestParams,
  IntRange,
} from './shapeParameters';

/**
 * What a use-case template's form may set, as one schema the scaffolder action and the form's
 * backend routes both parse: names, operations, the shape's own parameters, the source tables
 * and columns picked from the real schema, and authored SELECTs. Everything else comes from the
 * shape. Messages never echo a rejected value.
 */

const intIn = (range: IntRange) =>
  z.number().int().min(range.min).max(range.max);

/** Templates render an unanswered optional field as "" or null: the same as not set. */
const unset = (v: unknown) => (v === '' || v === null ? undefined : v);

const sourceColumnPick = z.strictObject({
  name: sqlIdentifier,
  /** As the source declares it (the schema picker reads it from the source's own catalog). */
  type: z.string().min(1).max(64),
  nullable: z.boolean().default(true),
});

/** One copy table's source: a table of a configured source, and the columns to copy. */
export const sourceTablePickSchema = z.strictObject({
  /** The spec's source name (= the Trino catalog the picker read it through). */
  source: sqlIdentifier,
  table: sqlIdentifier,
  columns: z.array(sourceColumnPick).min(1).max(500),
  primaryKey: z.array(sqlIdentifier).min(1).max(32),
});
export type SourceTablePick = z.infer<typeof sourceTablePickSchema>;

export const shapeParamsSchema = z.strictObject({
  /** Names the component, the Flink job, its connectors and CDC topics. */
  name: z
    .string()
    .regex(
      /^[a-z][a-z0-9-]{2,40}$/,
      'must be lowercase letters, digits and "-", 3 to 41 characters, starting with a letter',
    ),
  owner: entityRef,
  description: z.preprocess(unset, z.string().max(1000).optional()),
  catalogDatabase: z.preprocess(unset, sqlIdentifier.optional()),
  /** Nessie branch `<domain>/daily`, release tags `<domain>/daily-yyyymmdd`. */
  domain: z.preprocess(
    unset,
    z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,30}$/,
        'must be lowercase letters, digits and "-", 2 to 31 characters',
      )
      .optional(),
  ),
  checkpointSeconds: z.preprocess(
    unset,
    intIn({ min: 1, max: 3600 }).optional(),
  ),
  freshnessSeconds: z.preprocess(
    unset,
    intIn({ min: 1, max: 7 * 86400 }).optional(),
  ),
  /**
   * Partitions of the topics the pipeline owns: `cdc` for every CDC topic, a Kafka sink's
   * topic by its name (e.g. `fraud_alerts`).
   */
  partitions: z.preprocess(
    unset,
    z.record(z.string().max(249), intIn({ min: 1, max: 64 })).optional(),
  ),
  /** fraud-cep only. */
  cep: z.preprocess(
    unset,
    z
      .strictObject({
        failedAttempts: intIn(FRAUD_CEP_LIMITS.failedAttempts).optional(),
        windowMinutes: intIn(FRAUD_CEP_LIMITS.windowMinutes).optional(),
      })
      .optional(),
  ),
  /** stream-enrichment only. */
  interest: z.preprocess(
    unset,
    z
      .strictObject({
        hotAddToCarts: intIn(INTEREST_LIMITS.hotAddToCarts).optional(),
        warmEvents: intIn(INTEREST_LIMITS.warmEvents).optional(),
      })
      .optional(),
  ),
  /**
   * Authored SELECTs by derived table or Kafka sink name; each replaces the shape's SELECT of
   * that table. An empty one keeps the shape's. Its rules are the spec's (authoredSelect).
   */
  selects: z.preprocess(
    unset,
    z.record(sqlIdentifier, z.string().max(MAX_SELECT_LENGTH)).optional(),
  ),
  /** Source table and columns by copy (Paimon) table name. */
  sourceTables: z.preprocess(
    unset,
    z
      .record(
        sqlIdentifier,
        z.preprocess(unset, sourceTablePickSchema.optional()),
      )
      .optional(),
  ),
});

/** What a template passes (unanswered optional fields may also be "" or null); see {@link shapeParamsSchema}. */
export interface ShapeParams {
  name: string;
  owner: string;
  description?: string;
  catalogDatabase?: string;
  domain?: string;
  checkpointSeconds?: number;
  freshnessSeconds?: number;
  partitions?: Record<string, number>;
  cep?: Partial<FraudCepParams>;
  interest?: Partial<InterestParams>;
  selects?: Record<string, string>;
  sourceTables?: Record<string, z.input<typeof sourceTablePickSchema>>;
}
export type ParsedShapeParams = z.output<typeof shapeParamsSchema>;
