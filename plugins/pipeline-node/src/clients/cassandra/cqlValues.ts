import { types } from 'cassandra-driver';
import { InvalidIdentifierError } from '../../lib/errors';

/** A lookup value as typed by a person; strings are parsed into the key column's CQL type. */
export type KeyInput = string | number | boolean;

const INTEGER = /^-?[0-9]{1,19}$/;
const DECIMAL = /^-?[0-9]{1,38}(\.[0-9]{1,38})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const INT_RANGE: Record<string, [number, number]> = {
  tinyint: [-128, 127],
  smallint: [-32768, 32767],
  int: [-2147483648, 2147483647],
};

function refuse(column: string, value: unknown, reason: string): never {
  throw new InvalidIdentifierError(`key value of ${column}`, value, reason);
}

/**
 * Parses one key value for a prepared statement: the driver encodes by the column's type and
 * refuses a JS value of the wrong kind, so "42" for an int column becomes 42 here — and a value
 * that is not one of the column's values is refused before any request.
 */
export function keyValue(
  column: string,
  cqlType: string,
  input: KeyInput,
): unknown {
  const text = String(input).trim();
  if (text.length === 0 || text.length > 200)
    refuse(column, input, 'must be 1-200 characters');
  if (cqlType in INT_RANGE) {
    const [min, max] = INT_RANGE[cqlType];
    const n = Number(text);
    if (!INTEGER.test(text) || n < min || n > max)
      refuse(column, input, `expected an integer in ${cqlType} range`);
    return n;
  }
  switch (cqlType) {
    case 'bigint':
    case 'counter':
    case 'varint':
      if (!INTEGER.test(text)) refuse(column, input, 'expected an integer');
      return types.Long.fromString(text);
    case 'text':
    case 'varchar':
    case 'ascii':
      return text;
    case 'boolean':
      if (text !== 'true' && text !== 'false')
        refuse(column, input, 'expected true or false');
      return text === 'true';
    case 'float':
    case 'double':
      if (!DECIMAL.test(text)) refuse(column, input, 'expected a number');
      return Number(text);
    case 'decimal':
      if (!DECIMAL.test(text)) refuse(column, input, 'expected a decimal');
      return types.BigDecimal.fromString(text);
    case 'uuid':
    case 'timeuuid':
      if (!UUID.test(text)) refuse(column, input, 'expected a UUID');
      return types.Uuid.fromString(text);
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text))
        refuse(column, input, 'expected yyyy-mm-dd');
      return types.LocalDate.fromString(text);
    case 'timestamp': {
      const at = new Date(text);
      if (Number.isNaN(at.getTime()))
        refuse(column, input, 'expected an ISO timestamp');
      return at;
    }
    default:
      return refuse(
        column,
        input,
        `lookups by a ${cqlType} column are not supported`,
      );
  }
}

/**
 * A value read from Cassandra as JSON can carry it: 64-bit integers and decimals as strings
 * (a JS number would lose digits), timestamps as ISO text, blobs as 0x-hex.
 */
export function jsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value instanceof Set) return [...value].map(jsonValue);
  if (value instanceof Map)
    return Object.fromEntries(
      [...value].map(([k, v]) => [String(jsonValue(k)), jsonValue(v)]),
    );
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object') {
    // Long, BigDecimal, Uuid, LocalDate, InetAddress, Duration: their own text form.
    const own = (value as { toString?: () => string }).toString;
    if (own && own !== Object.prototype.toString) return String(value);
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, jsonValue(v)]),
    );
  }
  return value;
}

/** Microseconds since the epoch (WRITETIME) as a Date; undefined for null. */
export function microsToDate(value: unknown): Date | undefined {
  if (value === null || value === undefined) return undefined;
  const micros =
    typeof value === 'number'
      ? value
      : Number((value as { toString(): string }).toString());
  return Number.isFinite(micros)
    ? new Date(Math.floor(micros / 1000))
    : undefined;
}
