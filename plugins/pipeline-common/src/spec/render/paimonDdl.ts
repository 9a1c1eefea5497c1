import type { PipelineSpec } from '../pipelineSpec';
import { resolvePaimonTable } from './paimonColumns';
import { quoteIdent } from '../identifiers';
import {
  qualified,
  RenderTargetInput,
  resolveTarget,
  sqlOptions,
} from './sqlText';

/** Paimon table options; the Iceberg pair lets Trino (no Paimon connector) read the table. */
function tableOptions(
  table: PipelineSpec['paimonTables'][number],
): Record<string, string> {
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

/**
 * CREATE DATABASE / CREATE TABLE IF NOT EXISTS statements (one per array entry, as the
 * SQL Gateway executes them), mirroring infra/local/sql/flink-orders-pipeline.sql.
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
    const name = qualified(paimonCatalog, database, table.name);
    const lines = resolved.columns.map(
      c =>
        `  ${quoteIdent(c.name)} ${c.flinkType}${c.notNull ? ' NOT NULL' : ''}`,
    );
    lines.push(
      `  PRIMARY KEY (${resolved.primaryKey
        .map(quoteIdent)
        .join(', ')}) NOT ENFORCED`,
    );
    const partitioned = table.partitionKeys.length
      ? ` PARTITIONED BY (${table.partitionKeys.map(quoteIdent).join(', ')})`
      : '';
    statements.push(
      `CREATE TABLE IF NOT EXISTS ${name} (\n${lines.join(
        ',\n',
      )}\n)${partitioned} WITH (\n${sqlOptions(tableOptions(table))}\n)`,
    );
    if (table.trinoReadable) {
      // Tables created before the option existed get it too (re-runs converge).
      statements.push(
        `ALTER TABLE ${name} SET (${sqlOptions(
          { 'full-compaction.delta-commits': '1' },
          '',
        )})`,
      );
    }
  }
  return statements;
}
