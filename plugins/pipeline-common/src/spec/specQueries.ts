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
