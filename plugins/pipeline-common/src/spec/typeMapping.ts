import { z } from 'zod';

/**
 * Source column types (MariaDB/MySQL, PostgreSQL) → Flink/Paimon SQL types, following
 * Paimon's CDC type mapping (MySqlTypeUtils / PostgresTypeUtils) and its `--type_mapping`
 * options, so a table created by the portal matches one Paimon's CDC actions would create.
 */

/** The `--type_mapping` options the portal honours; anything else is rejected by the schema. */
export const TYPE_MAPPING_OPTIONS = [
  'tinyint1-not-bool',
  'to-nullable',
  'to-string',
  'char-to-string',
  'longtext-to-bytes',
  'bigint-unsigned-to-bigint',
  'allow-non-string-to-string',
] as const;
export const typeMappingOption = z.enum(TYPE_MAPPING_OPTIONS);
export type TypeMappingOption = z.infer<typeof typeMappingOption>;

export type SourceDialect = 'mysql' | 'postgres';

export interface ParsedSourceType {
  /** Lowercase base name with single spaces, precision removed: `decimal`, `timestamp with time zone`. */
  base: string;
  params: number[];
  unsigned: boolean;
}

/** Parses `DECIMAL(12,2)`, `int unsigned`, `timestamp(3) with time zone`; undefined when malformed. */
export function parseSourceType(type: string): ParsedSourceType | undefined {
  if (
    !/^[A-Za-z][A-Za-z0-9 ]*(\(\s*\d{1,3}\s*(,\s*\d{1,3}\s*)?\))?[A-Za-z0-9 ]*$/.test(
      type,
    )
  ) {
    return undefined;
  }
  const lower = type.toLowerCase();
  const paramMatch = /\(([^)]*)\)/.exec(lower);
  const params = paramMatch
    ? paramMatch[1].split(',').map(p => Number(p.trim()))
    : [];
  let words = lower
    .replace(/\([^)]*\)/, ' ')
    .trim()
    .split(/\s+/);
  const unsigned = words.includes('unsigned');
  words = words.filter(w => w !== 'unsigned' && w !== 'zerofill');
  return { base: words.join(' '), params, unsigned };
}

export interface SourceColumnFacts {
  type: string;
  nullable: boolean;
  primaryKey: boolean;
}

/** Flink/Paimon type of one column, including ` NOT NULL` when the column keeps its constraint. */
export function mapColumnType(
  dialect: SourceDialect,
  column: SourceColumnFacts,
  options: readonly TypeMappingOption[] = [],
): string {
  const parsed = parseSourceType(column.type);
  if (!parsed) throw new Error(`malformed column type "${column.type}"`);
  const mapDialect = dialect === 'mysql' ? mapMysql : mapPostgres;
  const base = options.includes('to-string')
    ? 'STRING'
    : mapDialect(parsed, options);
  if (!base)
    throw new Error(`unsupported ${dialect} column type "${column.type}"`);
  // Paimon's to-nullable drops NOT NULL everywhere except on primary keys (which must stay non-null).
  const notNull =
    column.primaryKey || (!column.nullable && !options.includes('to-nullable'));
  return notNull ? `${base} NOT NULL` : base;
}

/** Error text for a type the mapping cannot handle, or undefined; used by the schema's refinement. */
export function columnTypeProblem(
  dialect: SourceDialect,
  type: string,
): string | undefined {
  try {
    mapColumnType(dialect, { type, nullable: true, primaryKey: false });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const precision = (p: number | undefined, fallback: number, max: number) =>
  Math.min(p ?? fallback, max);

function mapMysql(
  t: ParsedSourceType,
  options: readonly TypeMappingOption[],
): string | undefined {
  const [p, s] = t.params;
  const charToString = options.includes('char-to-string');
  switch (t.base) {
    case 'bool':
    case 'boolean':
      return 'BOOLEAN';
    case 'bit':
      return (p ?? 1) === 1 ? 'BOOLEAN' : `BINARY(${Math.ceil(p / 8)})`;
    case 'tinyint':
      // MySQL's BOOLEAN is TINYINT(1); the option keeps it numeric for tables that store small numbers.
      if (p === 1 && !options.includes('tinyint1-not-bool')) return 'BOOLEAN';
      return t.unsigned ? 'SMALLINT' : 'TINYINT';
    case 'smallint':
      return t.unsigned ? 'INT' : 'SMALLINT';
    case 'mediumint':
      return 'INT';
    case 'int':
    case 'integer':
      return t.unsigned ? 'BIGINT' : 'INT';
    case 'bigint':
      // BIGINT UNSIGNED does not fit a signed BIGINT; DECIMAL(20, 0) holds every value.
      if (!t.unsigned) return 'BIGINT';
      return options.includes('bigint-unsigned-to-bigint')
        ? 'BIGINT'
        : 'DECIMAL(20, 0)';
    case 'float':
      return 'FLOAT';
    case 'double':
    case 'double precision':
    case 'real':
      return 'DOUBLE';
    case 'decimal':
    case 'numeric':
    case 'dec':
    case 'fixed': {
      const dp = p ?? 10;
      return dp > 38 ? 'STRING' : `DECIMAL(${dp}, ${s ?? 0})`;
    }
    case 'date':
      return 'DATE';
    case 'time':
      return `TIME(${precision(p, 0, 3)})`;
    case 'datetime':
      return `TIMESTAMP(${precision(p, 0, 6)})`;
    case 'timestamp':
      // Debezium emits MySQL TIMESTAMP as UTC ISO-8601; the verified seed stores it as
      // TIMESTAMP(6) UTC wall-clock (not TIMESTAMP_LTZ) so Trino reads it through Iceberg.
      return 'TIMESTAMP(6)';
    case 'year':
      return 'INT';
    case 'char':
      return charToString ? 'STRING' : `CHAR(${p ?? 1})`;
    case 'varchar':
      return charToString ? 'STRING' : `VARCHAR(${p ?? 1})`;
    case 'tinytext':
    case 'text':
    case 'mediumtext':
    case 'json':
    case 'enum':
    case 'set':
      return 'STRING';
    case 'longtext':
      return options.includes('longtext-to-bytes') ? 'BYTES' : 'STRING';
    case 'binary':
      return `BINARY(${p ?? 1})`;
    case 'varbinary':
      return `VARBINARY(${p ?? 1})`;
    case 'tinyblob':
    case 'blob':
    case 'mediumblob':
    case 'longblob':
      return 'BYTES';
    default:
      return undefined;
  }
}

function mapPostgres(
  t: ParsedSourceType,
  options: readonly TypeMappingOption[],
): string | undefined {
  const [p, s] = t.params;
  const charToString = options.includes('char-to-string');
  switch (t.base) {
    case 'boolean':
    case 'bool':
      return 'BOOLEAN';
    case 'smallint':
    case 'int2':
    case 'smallserial':
      return 'SMALLINT';
    case 'integer':
    case 'int':
    case 'int4':
    case 'serial':
      return 'INT';
    case 'bigint':
    case 'int8':
    case 'bigserial':
      return 'BIGINT';
    case 'real':
    case 'float4':
      return 'FLOAT';
    case 'double precision':
    case 'float8':
      return 'DOUBLE';
    case 'numeric':
    case 'decimal':
      // Unconstrained NUMERIC has no fixed scale: Flink CDC's choice is DECIMAL(38, 18).
      if (p === undefined) return 'DECIMAL(38, 18)';
      return p > 38 ? 'STRING' : `DECIMAL(${p}, ${s ?? 0})`;
    case 'character':
    case 'char':
    case 'bpchar':
      return charToString ? 'STRING' : `CHAR(${p ?? 1})`;
    case 'character varying':
    case 'varchar':
      return charToString || p === undefined ? 'STRING' : `VARCHAR(${p})`;
    case 'text':
    case 'json':
    case 'jsonb':
    case 'uuid':
      return 'STRING';
    case 'bytea':
      return 'BYTES';
    case 'date':
      return 'DATE';
    case 'time':
    case 'time without time zone':
      return `TIME(${precision(p, 6, 3)})`;
    case 'timestamp':
    case 'timestamp without time zone':
      return `TIMESTAMP(${precision(p, 6, 6)})`;
    case 'timestamptz':
    case 'timestamp with time zone':
      // Same convention as MySQL TIMESTAMP: UTC ISO string from Debezium, stored as TIMESTAMP.
      return `TIMESTAMP(${precision(p, 6, 6)})`;
    default:
      return undefined;
  }
}

// 'allow-non-string-to-string' only changes how Paimon evolves an existing table's schema
// (a later ALTER from INT to STRING is allowed); it does not change the initial types, so
// it is accepted and passed on but has no effect in mapColumnType.
