import type { PaimonTableSpec, PipelineSpec } from '../pipelineSpec';
import { cdcTopicName, dialectOf, findSourceTable } from '../specQueries';
import { mapColumnType, parseSourceType, SourceDialect } from '../typeMapping';

export interface PaimonColumn {
  name: string;
  dialect: SourceDialect;
  sourceType: string;
  /** Flink/Paimon type without the NOT NULL suffix. */
  flinkType: string;
  notNull: boolean;
}

export interface ResolvedPaimonTable {
  spec: PaimonTableSpec;
  columns: PaimonColumn[];
  primaryKey: string[];
  topic: string;
}

/** A Paimon table with its columns typed from the source table (the schema guarantees it exists). */
export function resolvePaimonTable(
  spec: PipelineSpec,
  table: PaimonTableSpec,
): ResolvedPaimonTable {
  const found = findSourceTable(spec, table);
  if (!found)
    throw new Error(
      `Paimon table ${table.name}: source table not found (was the spec parsed?)`,
    );
  const { source, sourceTable } = found;
  const primaryKey = table.primaryKey ?? sourceTable.primaryKey;
  const names = table.columns ?? sourceTable.columns.map(c => c.name);
  const columns = names.map(name => {
    const column = sourceTable.columns.find(c => c.name === name)!;
    const mapped = mapColumnType(
      dialectOf(source),
      {
        type: column.type,
        nullable: column.nullable,
        primaryKey: primaryKey.includes(name),
      },
      table.typeMapping,
    );
    const notNull = mapped.endsWith(' NOT NULL');
    return {
      name,
      dialect: dialectOf(source),
      sourceType: column.type,
      flinkType: notNull ? mapped.slice(0, -' NOT NULL'.length) : mapped,
      notNull,
    };
  });
  return {
    spec: table,
    columns,
    primaryKey,
    topic: cdcTopicName(source, sourceTable.name),
  };
}

/** Base name of the source type (`timestamp`, `decimal`...). */
export const sourceBase = (c: PaimonColumn) =>
  parseSourceType(c.sourceType)?.base ?? '';
