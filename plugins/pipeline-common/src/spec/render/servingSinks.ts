import type { PipelineSpec, ServingSinkSpec } from '../pipelineSpec';
import { quoteIdent } from '../identifiers';
import { resolvePaimonTable } from './paimonColumns';

/**
 * Serving sinks as documentation and target schema. Only Trino is live (it reads the Paimon
 * table through its Iceberg metadata). Cassandra, CouchDB and Doris are declarative: the Flink
 * job does not write them — Flink 2.0 has no SQL connector for them and the local stack runs
 * none of them — so a team gets the schema to create and the key to write by, nothing deployed.
 */
export interface RenderedServingSink {
  kind: ServingSinkSpec['kind'];
  /** Name in the serving store (`keyspace.table` for Cassandra). */
  target: string;
  paimonTable: string;
  /** True when the pipeline itself makes the data reachable there (Trino only). */
  live: boolean;
  note: string;
  /** Columns and key the serving store holds, from the Paimon table. */
  columns: { name: string; flinkType: string }[];
  key: string[];
  /** CQL for Cassandra; undefined for the other kinds. */
  schema?: string;
}

interface TableShape {
  columns: { name: string; flinkType: string }[];
  primaryKey: string[];
}

function paimonTableShape(spec: PipelineSpec, name: string): TableShape {
  const copy = spec.paimonTables.find(t => t.name === name);
  if (copy) return resolvePaimonTable(spec, copy);
  const derived = spec.derivedTables.find(t => t.name === name);
  if (!derived)
    throw new Error(
      `serving sink: Paimon table ${name} not found (was the spec parsed?)`,
    );
  return {
    columns: derived.columns.map(c => ({ name: c.name, flinkType: c.type })),
    primaryKey: derived.primaryKey,
  };
}

const CQL_TYPES: [RegExp, string][] = [
  [/^BOOLEAN$/, 'boolean'],
  [/^TINYINT$/, 'tinyint'],
  [/^SMALLINT$/, 'smallint'],
  [/^(INT|INTEGER)$/, 'int'],
  [/^BIGINT$/, 'bigint'],
  [/^FLOAT$/, 'float'],
  [/^DOUBLE$/, 'double'],
  [/^DECIMAL/, 'decimal'],
  [/^(STRING|CHAR|VARCHAR)/, 'text'],
  [/^DATE$/, 'date'],
  [/^TIME\(/, 'time'],
  [/^TIMESTAMP/, 'timestamp'],
  [/^(BYTES|BINARY|VARBINARY)/, 'blob'],
];

export const cqlType = (flinkType: string) =>
  CQL_TYPES.find(([pattern]) => pattern.test(flinkType))?.[1] ?? 'text';

/** CQL names are validated sqlIdentifiers: lowercase, so they need no quoting in CQL. */
const cqlName = (name: string) => quoteIdent(name).slice(1, -1);

function cassandraSchema(
  keyspace: string,
  table: string,
  shape: TableShape,
): string {
  const lines = shape.columns.map(
    c => `  ${cqlName(c.name)} ${cqlType(c.flinkType)}`,
  );
  lines.push(`  PRIMARY KEY (${shape.primaryKey.map(cqlName).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${cqlName(keyspace)}.${cqlName(
    table,
  )} (\n${lines.join(',\n')}\n)`;
}

const NOTES: Record<ServingSinkSpec['kind'], string> = {
  trino:
    'Live: Trino reads the Paimon table through its Iceberg metadata (catalog lakehouse).',
  cassandra:
    'Declarative: not written by the Flink job (Flink 2.0 has no Cassandra SQL connector; the local stack runs no Cassandra). Create the table with this CQL and feed it from the Paimon table or its changelog.',
  couchdb:
    'Declarative: not written by the Flink job (no CouchDB connector for Flink SQL; the local stack runs no CouchDB). One document per key, _id = the key columns joined by ":".',
  doris:
    'Declarative: not written by the Flink job (the Doris connector is not on the stack). Doris can read the Paimon table through a Paimon catalog.',
};

export function renderServingSinks(spec: PipelineSpec): RenderedServingSink[] {
  return spec.servingSinks.map(sink => {
    const shape = paimonTableShape(spec, sink.paimonTable);
    const name = sink.name ?? sink.paimonTable;
    const keyspace = sink.keyspace ?? spec.catalog.database;
    const base = {
      kind: sink.kind,
      paimonTable: sink.paimonTable,
      live: sink.kind === 'trino',
      note: NOTES[sink.kind],
      columns: shape.columns.map(c => ({
        name: c.name,
        flinkType: c.flinkType,
      })),
      key: shape.primaryKey,
    };
    if (sink.kind === 'trino')
      return {
        ...base,
        target: `lakehouse.${spec.catalog.database}.${sink.paimonTable}`,
      };
    if (sink.kind === 'cassandra')
      return {
        ...base,
        target: `${keyspace}.${name}`,
        schema: cassandraSchema(keyspace, name, shape),
      };
    return { ...base, target: name };
  });
}
