import type {
  PaimonTableSpec,
  PipelineSource,
  PipelineSpec,
} from './pipelineSpec';
import type { SourceDialect } from './typeMapping';

/** Small questions renderers and rules ask of a parsed spec. */

export const TAG_DATE = 'yyyymmdd';

export const dialectOf = (source: PipelineSource): SourceDialect =>
  source.kind === 'postgres' ? 'postgres' : 'mysql';

/** The Debezium topic of one captured table: `<prefix>.<database|schema>.<table>`. */
export function cdcTopicName(source: PipelineSource, table: string): string {
  const namespace =
    source.kind === 'postgres' ? source.schema : source.database;
  return `${source.connector.topicPrefix}.${namespace}.${table}`;
}

/** The source table a Paimon table reads, if the spec has it. */
export function findSourceTable(
  spec: Pick<PipelineSpec, 'sources'>,
  table: PaimonTableSpec,
) {
  const source = spec.sources.find(s => s.name === table.from.source);
  const sourceTable = source?.tables.find(t => t.name === table.from.table);
  return source && sourceTable ? { source, sourceTable } : undefined;
}

/** Tag name for one day under the spec's tag policy, e.g. `finance/daily-20261124`. */
export function nessieTagFor(
  spec: Pick<PipelineSpec, 'nessie'>,
  day: Date,
): string {
  const yyyymmdd = day.toISOString().slice(0, 10).replace(/-/g, '');
  return spec.nessie.tagPolicy.replace(TAG_DATE, yyyymmdd);
}

/**
 * The Paimon tag of a release. Paimon accepts `CALL sys.create_tag(..., 'finance/daily-20261124')`
 * but the tag never shows in `<table>$tags` (verified on Paimon 1.4.2): a slash becomes a
 * sub-folder of the tag directory. So the Paimon tag swaps `/` for `-`:
 * Nessie `finance/daily-20261124` ↔ Paimon `finance-daily-20261124`.
 */
export const paimonTagFor = (nessieTag: string) =>
  nessieTag.replace(/\//g, '-');

/** Name of the temporary debezium-json Kafka table of one copy table (kept within 63 chars). */
export const cdcTableName = (paimonTable: string) =>
  `${paimonTable.slice(0, 59)}_cdc`;

/** Every Paimon table the spec creates: CDC copy tables, then derived tables. */
export const paimonTableNames = (
  spec: Pick<PipelineSpec, 'paimonTables' | 'derivedTables'>,
) => [
  ...spec.paimonTables.map(t => t.name),
  ...spec.derivedTables.map(t => t.name),
];

/** True when the job carries authored SELECTs, which resolve names in the spec's database. */
export const hasAuthoredSelects = (
  spec: Pick<PipelineSpec, 'derivedTables' | 'kafkaSinks'>,
) => spec.derivedTables.length > 0 || spec.kafkaSinks.length > 0;

/**
 * Topics the pipeline reads but does not own: a stream whose topic is not among `topics` is an
 * event stream produced outside the pipeline (the storefront's `behavior`, inventory deltas),
 * shared by every pipeline that reads it. The deploy checks they exist and never creates them.
 */
export const externalStreamTopics = (
  spec: Pick<PipelineSpec, 'topics' | 'streams'>,
) => {
  const owned = new Set(spec.topics.map(t => t.name));
  return [
    ...new Set(spec.streams.map(s => s.topic).filter(t => !owned.has(t))),
  ];
};
