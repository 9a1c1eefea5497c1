import type { PipelineSpec } from '../pipelineSpec';
import { resolvePaimonTable } from './paimonColumns';
import { quoteIdent } from '../identifiers';
import {
  qualified,
  RenderTarget,
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

/** The Paimon commit callback of infra/jvm/paimon-nessie-callback. */
export const NESSIE_COMMIT_CALLBACK =
  'io.dataplatform.paimon.nessie.NessieCommitCallback';

/**
 * The branch every table commit lands on. Trino's Iceberg catalog reads one Nessie ref, so the
 * tables all live on `main`; releases and restore points are tags on it (docs/governance.md).
 */
export const LAKEHOUSE_NESSIE_REF = 'main';

/**
 * Options the deploy keeps equal on tables that already exist (ALTER TABLE … SET), beside the
 * CREATE of missing ones: what Trino needs to read the table through Nessie. The rest of a
 * table's options (bucket, merge engine, changelog producer) cannot change in place.
 */
function convergedOptions(
  table: PaimonOptions,
  pipeline: string,
  target: RenderTarget,
): Record<string, string> {
  if (!table.trinoReadable) return {};
  return {
    // Iceberg readers only see fully compacted files of a primary-key table.
    'full-compaction.delta-commits': '1',
    ...(target.nessieUri
      ? {
          'commit.callbacks': NESSIE_COMMIT_CALLBACK,
          [`commit.callback.${NESSIE_COMMIT_CALLBACK}.param`]: `uri=${target.nessieUri};ref=${LAKEHOUSE_NESSIE_REF};pipeline=${pipeline}`,
        }
      : {}),
  };
}

/**
 * Paimon table options; the Iceberg storage lets Trino (no Paimon connector) read the table,
 * and the commit callback records every snapshot of it in Nessie, where Trino looks it up.
 */
function tableOptions(
  table: PaimonOptions,
  pipeline: string,
  target: RenderTarget,
): Record<string, string> {
  return {
    bucket: String(table.bucket),
    'changelog-producer': table.changelogProducer,
    'merge-engine': table.mergeEngine,
    ...(table.trinoReadable
      ? { 'metadata.iceberg.storage': 'table-location' }
      : {}),
    ...convergedOptions(table, pipeline, target),
  };
}

/** Per table of the spec (copy and derived), the options a deploy converges existing tables to. */
export function convergedPaimonOptions(
  spec: PipelineSpec,
  target?: RenderTargetInput,
): Map<string, Record<string, string>> {
  const resolved = resolveTarget(target);
  return new Map(
    [...spec.paimonTables, ...spec.derivedTables].map(t => [
      t.name,
      convergedOptions(t, spec.name, resolved),
    ]),
  );
}

interface TableColumn {
  name: string;
  flinkType: string;
  notNull: boolean;
}

/** CREATE TABLE IF NOT EXISTS (+ the Trino options' ALTER) of one Paimon table. */
function createTable(
  name: string,
  columns: TableColumn[],
  primaryKey: string[],
  options: PaimonOptions,
  pipeline: string,
  target: RenderTarget,
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
    )}\n)${partitioned} WITH (\n${sqlOptions(
      tableOptions(options, pipeline, target),
    )}\n)`,
  ];
  if (options.trinoReadable) {
    // Tables created before the options existed get them too (re-runs converge).
    statements.push(
      `ALTER TABLE ${name} SET (${sqlOptions(
        convergedOptions(options, pipeline, target),
        '',
      ).replace(/\n/g, ' ')})`,
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
  const resolvedTarget = resolveTarget(target);
  const { paimonCatalog } = resolvedTarget;
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
        spec.name,
        resolvedTarget,
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
        spec.name,
        resolvedTarget,
      ),
    );
  }
  return statements;
}
