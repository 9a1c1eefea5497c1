import type { PipelineSpec } from '../pipelineSpec';
import { PaimonColumn, resolvePaimonTable, sourceBase } from './paimonColumns';
import { quoteIdent } from '../identifiers';
import { cdcTableName, hasAuthoredSelects } from '../specQueries';
import { renderKafkaSinkTable, renderStreamTable } from './kafkaTables';
import { renderServingSinkTables } from './servingSinks';
import {
  qualified,
  RenderTargetInput,
  resolveTarget,
  sqlOptions,
  sqlSet,
} from './sqlText';

interface WireColumn {
  /** Type of the field in the debezium-json Kafka source table. */
  wireType: string;
  /** SELECT expression turning the wire value into the Paimon column type. */
  expression: string;
}

const UTC_ISO_SOURCE_TYPES = [
  'timestamp',
  'timestamptz',
  'timestamp with time zone',
];
const PASS_THROUGH =
  /^(TINYINT|SMALLINT|INT|BIGINT|FLOAT|DOUBLE|STRING|CHAR\(\d+\)|VARCHAR\(\d+\))$/;

/**
 * How Debezium's JSON carries one column and how to convert it; only the conversions the
 * local stack verified (decimal strings, UTC ISO timestamps) plus plain pass-through.
 */
export function wireColumn(c: PaimonColumn): WireColumn {
  const id = quoteIdent(c.name);
  const base = sourceBase(c);
  if (c.flinkType.startsWith('DECIMAL') && base !== 'bigint') {
    // decimal.handling.mode=string
    return { wireType: 'STRING', expression: `CAST(${id} AS ${c.flinkType})` };
  }
  if (c.flinkType.startsWith('DECIMAL'))
    return { wireType: 'BIGINT', expression: `CAST(${id} AS ${c.flinkType})` };
  if (
    c.flinkType.startsWith('TIMESTAMP') &&
    UTC_ISO_SOURCE_TYPES.includes(base)
  ) {
    // Debezium sends e.g. 2026-11-24T07:39:46.123456Z; the seed job converts exactly like this.
    return {
      wireType: 'STRING',
      expression: `CAST(REPLACE(REPLACE(${id}, 'T', ' '), 'Z', '') AS ${c.flinkType})`,
    };
  }
  // Debezium may send booleans as 0/1 (TINYINT(1)) or true/false; a STRING field takes both.
  if (c.flinkType === 'BOOLEAN')
    return { wireType: 'STRING', expression: `CAST(${id} AS BOOLEAN)` };
  if (PASS_THROUGH.test(c.flinkType))
    return { wireType: c.flinkType, expression: id };
  throw new Error(
    `renderFlinkJob: column ${c.name} (${c.sourceType} → ${c.flinkType}) has no verified debezium-json conversion yet`,
  );
}

/** The debezium-json source table and the INSERT of one CDC copy table. */
function copyTableStatements(
  spec: PipelineSpec,
  table: PipelineSpec['paimonTables'][number],
  kafkaBootstrapServers: string,
  paimonCatalog: string,
) {
  const resolved = resolvePaimonTable(spec, table);
  const wires = resolved.columns.map(c => ({ column: c, wire: wireColumn(c) }));
  const source = quoteIdent(cdcTableName(table.name));
  const fields = wires
    .map(({ column, wire }) => `  ${quoteIdent(column.name)} ${wire.wireType}`)
    .join(',\n');
  const options = sqlOptions({
    connector: 'kafka',
    topic: resolved.topic,
    'properties.bootstrap.servers': kafkaBootstrapServers,
    'properties.group.id': `flink-${spec.flinkJob.name}-${table.name}`,
    'scan.startup.mode': 'earliest-offset',
    format: 'debezium-json',
  });
  const select = `SELECT ${wires
    .map(({ wire }) => wire.expression)
    .join(',\n       ')}\nFROM ${source}`;
  return {
    source: `CREATE TEMPORARY TABLE IF NOT EXISTS ${source} (\n${fields}\n) WITH (\n${options}\n)`,
    select,
    insert: `INSERT INTO ${qualified(
      paimonCatalog,
      spec.catalog.database,
      table.name,
    )}\n${select}`,
  };
}

/**
 * The Flink SQL job: session SETs, the source tables (one debezium-json Kafka table per copy
 * table, one JSON Kafka table per stream), the Kafka and serving sink tables, and the INSERTs —
 * copy tables, derived tables, Kafka sinks, Cassandra/CouchDB serving sinks — as ONE statement
 * set when there are several, so one job writes every sink. A serving sink's INSERT repeats the
 * SELECT of the Paimon table it serves (the CDC copy's SELECT, or the derived table's): the
 * planner reuses the common sub-plan, and the store gets each change as the job computes it,
 * not after a Paimon commit. Authored SELECTs name streams and Paimon tables unqualified, so a
 * job that has any first switches to the spec's database (`USE`), where the temporary tables
 * are then created too. Expects the Paimon catalog to exist in the session (see renderPaimonDdl).
 */
export function renderFlinkJob(
  spec: PipelineSpec,
  target?: RenderTargetInput,
): string[] {
  const { kafkaBootstrapServers, paimonCatalog } = resolveTarget(target);
  const job = spec.flinkJob;
  const statements = [
    sqlSet('pipeline.name', job.name),
    sqlSet(
      'execution.checkpointing.interval',
      `${job.checkpointIntervalSeconds}s`,
    ),
    sqlSet('parallelism.default', job.parallelism),
    // Paimon merges by primary key itself; Flink's upsert materializer must be off for Paimon sinks.
    sqlSet('table.exec.sink.upsert-materialize', 'NONE'),
  ];
  if (hasAuthoredSelects(spec))
    statements.push(`USE ${qualified(paimonCatalog, spec.catalog.database)}`);
  const inserts: string[] = [];
  const copySelects = new Map<string, string>();
  for (const table of spec.paimonTables) {
    const { source, select, insert } = copyTableStatements(
      spec,
      table,
      kafkaBootstrapServers,
      paimonCatalog,
    );
    statements.push(source);
    inserts.push(insert);
    copySelects.set(table.name, select);
  }
  for (const stream of spec.streams)
    statements.push(renderStreamTable(spec, stream, kafkaBootstrapServers));
  for (const sink of spec.kafkaSinks)
    statements.push(renderKafkaSinkTable(spec, sink, kafkaBootstrapServers));
  for (const table of spec.derivedTables) {
    const name = qualified(paimonCatalog, spec.catalog.database, table.name);
    inserts.push(`INSERT INTO ${name}\n${table.select.trim()}`);
  }
  for (const sink of spec.kafkaSinks)
    inserts.push(`INSERT INTO ${quoteIdent(sink.name)}\n${sink.select.trim()}`);
  for (const part of renderServingSinkTables(spec, target)) {
    statements.push(part.ddl);
    const select = part.copy
      ? copySelects.get(part.paimonTable)
      : spec.derivedTables
          .find(t => t.name === part.paimonTable)
          ?.select.trim();
    if (!select)
      throw new Error(
        `renderFlinkJob: serving sink table ${part.table} has no SELECT for ${part.paimonTable}`,
      );
    inserts.push(`INSERT INTO ${quoteIdent(part.table)}\n${select}`);
  }
  statements.push(
    inserts.length === 1
      ? inserts[0]
      : `EXECUTE STATEMENT SET BEGIN\n${inserts
          .map(i => `${i};`)
          .join('\n')}\nEND`,
  );
  return statements;
}
