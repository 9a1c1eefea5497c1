import type { PipelineSpec, ServingSinkSpec } from '../pipelineSpec';
import { quoteIdent } from '../identifiers';
import { resolvePaimonTable } from './paimonColumns';
import { RenderTargetInput, resolveTarget, sqlOptions } from './sqlText';

/**
 * Serving sinks. Trino is live through Paimon's Iceberg metadata; Cassandra and CouchDB are live
 * through the job itself: each such sink is a temporary table of the job (connector `cassandra` /
 * `couchdb`, infra/jvm/flink-serving-sinks) written in the same statement set as the Paimon table
 * it serves, upserted by the table's primary key and flushed at least every second and at every
 * checkpoint. The deploy creates what they write to first (`cql`; `database` + `designDocument`).
 * Doris stays declarative (no Doris connector on the stack).
 */
export interface RenderedServingSink {
  kind: ServingSinkSpec['kind'];
  /** Name in the serving store: `keyspace.table` for Cassandra, the database for CouchDB. */
  target: string;
  paimonTable: string;
  /** True when the pipeline itself makes the data reachable there (not Doris). */
  live: boolean;
  note: string;
  /** Columns and key the serving store holds, from the Paimon table. */
  columns: { name: string; flinkType: string }[];
  key: string[];
  /** Cassandra: CREATE KEYSPACE IF NOT EXISTS, then CREATE TABLE IF NOT EXISTS (names quoted, validated). */
  cql?: string[];
  /** CouchDB: the database the job writes, one document per key (`_id` = key values joined by ":"). */
  database?: string;
  /** CouchDB: a view named after the sink emitting every document by its key (lookup by key). */
  designDocument?: CouchDesignDocument;
}

export interface CouchDesignDocument {
  _id: string;
  language: 'javascript';
  views: Record<string, { map: string }>;
}

interface TableShape {
  columns: { name: string; flinkType: string; notNull: boolean }[];
  primaryKey: string[];
  /** Copy tables: the CDC copy the serving INSERT reads like the Paimon INSERT does. */
  copy: boolean;
}

function paimonTableShape(spec: PipelineSpec, name: string): TableShape {
  const copy = spec.paimonTables.find(t => t.name === name);
  if (copy) {
    const resolved = resolvePaimonTable(spec, copy);
    return { ...resolved, copy: true };
  }
  const derived = spec.derivedTables.find(t => t.name === name);
  if (!derived)
    throw new Error(
      `serving sink: Paimon table ${name} not found (was the spec parsed?)`,
    );
  return {
    columns: derived.columns.map(c => ({
      name: c.name,
      flinkType: c.type,
      notNull: !c.nullable,
    })),
    primaryKey: derived.primaryKey,
    copy: false,
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

/**
 * A CQL name: a validated sqlIdentifier (lowercase), double-quoted so CQL keywords (`order`,
 * `key`, `table`...) and a leading "_" are plain names; quoted lowercase equals unquoted.
 */
export const cqlName = (name: string) => `"${quoteIdent(name).slice(1, -1)}"`;

/** Cassandra's own keyspaces (system, system_auth, system_schema...): never a serving target. */
const isSystemKeyspace = (keyspace: string) => keyspace.startsWith('system');

function cassandraCql(
  keyspace: string,
  table: string,
  shape: TableShape,
  replicationFactor: number,
): string[] {
  if (isSystemKeyspace(keyspace))
    throw new Error(
      `serving sink: keyspace ${keyspace} is Cassandra's own (system*), not a serving target`,
    );
  const lines = shape.columns.map(
    c => `  ${cqlName(c.name)} ${cqlType(c.flinkType)}`,
  );
  // The whole key is the partition key: every row is found by its full key in one partition.
  const key = shape.primaryKey.map(cqlName).join(', ');
  lines.push(
    `  PRIMARY KEY (${shape.primaryKey.length > 1 ? `(${key})` : key})`,
  );
  return [
    `CREATE KEYSPACE IF NOT EXISTS ${cqlName(
      keyspace,
    )} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': ${replicationFactor}}`,
    `CREATE TABLE IF NOT EXISTS ${cqlName(keyspace)}.${cqlName(
      table,
    )} (\n${lines.join(',\n')}\n)`,
  ];
}

/** CouchDB database names start with a letter; "_"-names are its system databases (_users...). */
function couchDatabase(name: string): string {
  quoteIdent(name);
  if (!/^[a-z]/.test(name))
    throw new Error(
      `serving sink: CouchDB database ${name} must start with a letter ("_" names are CouchDB's own)`,
    );
  return name;
}

/** `emit(doc.k, null)` (or an array key): with include_docs a lookup returns the documents. */
function couchDesignDocument(name: string, key: string[]): CouchDesignDocument {
  const fields = key.map(k => `doc.${quoteIdent(k).slice(1, -1)}`);
  const emitted = fields.length === 1 ? fields[0] : `[${fields.join(', ')}]`;
  const guard = fields.map(f => `${f} !== undefined`).join(' && ');
  return {
    _id: `_design/${name}`,
    language: 'javascript',
    views: {
      [name]: {
        map: `function (doc) { if (${guard}) emit(${emitted}, null); }`,
      },
    },
  };
}

const NOTES: Record<ServingSinkSpec['kind'], string> = {
  trino:
    'Live: Trino reads the Paimon table through its Iceberg metadata (catalog lakehouse).',
  cassandra:
    'Live: the Flink job upserts every row by its primary key (deletes included) into this table, flushed at least every second and at every checkpoint.',
  couchdb:
    'Live: the Flink job writes one document per key (_id = the key columns joined by ":"), deletes included, flushed at least every second and at every checkpoint; the view named after the sink finds a document by its key.',
  doris:
    'Declarative: not written by the Flink job (the Doris connector is not on the stack). Doris can read the Paimon table through a Paimon catalog.',
};

const sinkName = (sink: ServingSinkSpec) => sink.name ?? sink.paimonTable;
const keyspaceOf = (spec: PipelineSpec, sink: ServingSinkSpec) =>
  sink.keyspace ?? spec.catalog.database;

export function renderServingSinks(
  spec: PipelineSpec,
  target?: RenderTargetInput,
): RenderedServingSink[] {
  const { cassandraReplicationFactor } = resolveTarget(target);
  return spec.servingSinks.map(sink => {
    const shape = paimonTableShape(spec, sink.paimonTable);
    const name = sinkName(sink);
    const base = {
      kind: sink.kind,
      paimonTable: sink.paimonTable,
      live: sink.kind !== 'doris',
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
    if (sink.kind === 'cassandra') {
      const keyspace = keyspaceOf(spec, sink);
      return {
        ...base,
        target: `${keyspace}.${name}`,
        cql: cassandraCql(keyspace, name, shape, cassandraReplicationFactor),
      };
    }
    if (sink.kind === 'couchdb') {
      const database = couchDatabase(name);
      return {
        ...base,
        target: database,
        database,
        designDocument: couchDesignDocument(database, shape.primaryKey),
      };
    }
    return { ...base, target: name };
  });
}

/** The job's part of one live Cassandra/CouchDB sink: its temporary table and where its rows come from. */
export interface ServingSinkJobPart {
  /** Name of the temporary sink table in the job. */
  table: string;
  ddl: string;
  paimonTable: string;
  /** True when the Paimon table is a CDC copy table (the INSERT reads the CDC source). */
  copy: boolean;
}

const sinkTableName = (sink: ServingSinkSpec, i: number) =>
  `serving_${sink.kind}_${i}`;

/**
 * Temporary sink tables of the job's live Cassandra/CouchDB sinks. Store addresses come from the
 * render target (local stack by default), never from the spec; CouchDB credentials are not in the
 * SQL at all (the sink reads COUCHDB_USER / COUCHDB_PASSWORD from the TaskManager's environment).
 */
export function renderServingSinkTables(
  spec: PipelineSpec,
  target?: RenderTargetInput,
): ServingSinkJobPart[] {
  const t = resolveTarget(target);
  const taken = new Set([
    ...spec.streams.map(s => s.name),
    ...spec.kafkaSinks.map(s => s.name),
    ...spec.paimonTables.map(s => s.name),
    ...spec.derivedTables.map(s => s.name),
  ]);
  const parts: ServingSinkJobPart[] = [];
  spec.servingSinks.forEach((sink, i) => {
    if (sink.kind !== 'cassandra' && sink.kind !== 'couchdb') return;
    const table = sinkTableName(sink, i);
    if (taken.has(table))
      throw new Error(
        `serving sink ${i}: the job's sink table name ${table} is already a table or stream of the spec`,
      );
    const shape = paimonTableShape(spec, sink.paimonTable);
    const options: Record<string, string> =
      sink.kind === 'cassandra'
        ? {
            connector: 'cassandra',
            hosts: t.cassandraHosts,
            'local-datacenter': t.cassandraLocalDatacenter,
            keyspace: quoteIdent(keyspaceOf(spec, sink)).slice(1, -1),
            table: quoteIdent(sinkName(sink)).slice(1, -1),
          }
        : {
            connector: 'couchdb',
            url: t.couchdbUrl,
            database: couchDatabase(sinkName(sink)),
          };
    const columns = shape.columns.map(
      c =>
        `  ${quoteIdent(c.name)} ${c.flinkType}${c.notNull ? ' NOT NULL' : ''}`,
    );
    columns.push(
      `  PRIMARY KEY (${shape.primaryKey
        .map(quoteIdent)
        .join(', ')}) NOT ENFORCED`,
    );
    parts.push({
      table,
      paimonTable: sink.paimonTable,
      copy: shape.copy,
      ddl: `CREATE TEMPORARY TABLE IF NOT EXISTS ${quoteIdent(
        table,
      )} (\n${columns.join(',\n')}\n) WITH (\n${sqlOptions(options)}\n)`,
    });
  });
  return parts;
}
