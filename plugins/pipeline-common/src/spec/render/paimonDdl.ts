import type { PipelineSpec } from '../pipelineSpec';
import { resolvePaimonTable } from './paimonColumns';
import { quoteIdent } from '../identifiers';
import {
  qualified,
  RenderTargetInput,
  resolveTarget,
  sqlOptions,
} from './sqlText';

type PaimonOptions = Pick<
  PipelineSpec['paimonTables'][number],
  | 'bucket'
  | 'changelogProducer'
  | 'mergeEngine'
  | 'trinoReadable'
  | 'partitionKeys'
>;

/** Paimon table options; the Iceberg pair lets Trino (no Paimon connector) read the table. */
function tableOptions(table: PaimonOptions): Record<string, string> {
  return {
    bucket: String(table.bucket),
    'changelog-producer': table.changelogProducer,
    'merge-engine': table.mergeEngine,
    ...(table.trinoReadable
      ? {
          'metadata.iceberg.storage': 'table-location',
          // Iceberg readers only see fully compacted files of a primary-key table.
          'full-compaction.delta-commits': '1',
        }
      : {}),
  };
}

interface TableColumn {
  name: string;
  flinkType: string;
  notNull: boolean;
}

/** CREATE TABLE IF NOT EXISTS (+ the Trino option ALTER) of one Paimon table. */
function createTable(
  name: string,
  columns: TableColumn[],
  primaryKey: string[],
  options: PaimonOptions,
): string[] {
  const lines = columns.map(
    c =>
      `  ${quoteIdent(c.name)} ${c.flinkType}${c.notNull ? ' NOT NULL' : ''}`,
  );
  lines.push(
    `  PRIMARY KEY (${primaryKey.map(quoteIdent).join(', ')}) NOT ENFORCED`,
  );
  const partitioned = options.partitionKeys.length
    ? ` PARTITIONED BY (${options.partitionKeys.map(quoteIdent).join(', ')})`
    : '';
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${name} (\n${lines.join(
      ',\n',
    )}\n)${partitioned} WITH (\n${sqlOptions(tableOptions(options))}\n)`,
  ];
  if (options.trinoReadable) {
    // Tables created before the option existed get it too (re-runs converge).
    statements.push(
      `ALTER TABLE ${name} SET (${sqlOptions(
        { 'full-compaction.delta-commits': '1' },
        '',
      )})`,
    );
  }
  return statements;
}

/**
 * CREATE DATABASE / CREATE TABLE IF NOT EXISTS statements (one per array entry, as the
 * SQL Gateway executes them), mirroring infra/local/sql/flink-orders-pipeline.sql:
 * CDC copy tables typed from their source, then derived tables typed by their columns.
 */
export function renderPaimonDdl(
  spec: PipelineSpec,
  target?: RenderTargetInput,
): string[] {
  const { paimonCatalog } = resolveTarget(target);
  const database = spec.catalog.database;
  const statements = [
    `CREATE DATABASE IF NOT EXISTS ${qualified(paimonCatalog, database)}`,
  ];
  for (const table of spec.paimonTables) {
    const resolved = resolvePaimonTable(spec, table);
    statements.push(
      ...createTable(
        qualified(paimonCatalog, database, table.name),
        resolved.columns,
        resolved.primaryKey,
        table,
      ),
    );
  }
  for (const table of spec.derivedTables) {
    const columns = table.columns.map(c => ({
      name: c.name,
      flinkType: c.type,
      // Paimon keeps primary-key columns NOT NULL whatever the author wrote.
      notNull: !c.nullable || table.primaryKey.includes(c.name),
    }));
    statements.push(
      ...createTable(
        qualified(paimonCatalog, database, table.name),
        columns,
        table.primaryKey,
        table,
      ),
    );
  }
  return statements;
}
