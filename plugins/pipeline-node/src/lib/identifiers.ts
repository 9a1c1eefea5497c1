import { InvalidIdentifierError } from './errors';

// Checked before any request: a name that reaches a URL or an admin call unchecked
// could address a different resource ("..", "/") than the caller meant.

/** A plain name: connector, group, session. No "/", no "..", no control characters. */
export function assertName(
  kind: string,
  value: unknown,
  maxLength = 249,
): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidIdentifierError(kind, value, 'must be a non-empty string');
  }
  if (value.length > maxLength) {
    throw new InvalidIdentifierError(
      kind,
      value,
      `longer than ${maxLength} characters`,
    );
  }
  if (value.trim() !== value) {
    throw new InvalidIdentifierError(
      kind,
      value,
      'has leading or trailing whitespace',
    );
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new InvalidIdentifierError(
      kind,
      value,
      'contains control characters',
    );
  }
  if (value.includes('/') || value.includes('\\')) {
    throw new InvalidIdentifierError(
      kind,
      value,
      'must not contain "/" or "\\"',
    );
  }
  if (value.includes('..')) {
    throw new InvalidIdentifierError(kind, value, 'must not contain ".."');
  }
  return value;
}

export function assertPattern(
  kind: string,
  value: unknown,
  pattern: RegExp,
  expected: string,
): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new InvalidIdentifierError(kind, value, `expected ${expected}`);
  }
  return value;
}

/** Kafka's own topic rule (legal characters, at most 249, not ".") plus no "..". */
export function assertTopic(value: unknown): string {
  assertPattern(
    'Kafka topic',
    value,
    /^[A-Za-z0-9._-]{1,249}$/,
    '1-249 of [A-Za-z0-9._-]',
  );
  if (value === '.')
    throw new InvalidIdentifierError('Kafka topic', value, 'must not be "."');
  return assertName('Kafka topic', value);
}

/** Flink job, vertex and trigger ids are 32 hex characters. */
export const assertFlinkId = (kind: string, value: unknown) =>
  assertPattern(kind, value, /^[0-9a-f]{32}$/, '32 lowercase hex characters');

/** SQL Gateway session and operation handles are UUIDs. */
export const assertUuid = (kind: string, value: unknown) =>
  assertPattern(
    kind,
    value,
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
    'a UUID',
  );

/** Fully qualified Java class (Connect plugin), e.g. io.debezium.connector.mariadb.MariaDbConnector. */
export const assertJavaClass = (kind: string, value: unknown) =>
  assertPattern(
    kind,
    value,
    /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/,
    'a Java class name',
  );

/**
 * Nessie reference names may hold "/" (`finance/daily-20261124`): start with a letter,
 * then letters, digits and ". / _ -", no "..", no "//", not ending in "." or "/".
 */
export function assertNessieRef(value: unknown): string {
  assertPattern(
    'Nessie reference',
    value,
    /^[A-Za-z](?:[A-Za-z0-9./_-]{0,254}[A-Za-z0-9_-])?$/,
    'a letter then [A-Za-z0-9./_-], not ending in "." or "/"',
  );
  const name = value as string;
  if (name.includes('..') || name.includes('//')) {
    throw new InvalidIdentifierError(
      'Nessie reference',
      value,
      'must not contain ".." or "//"',
    );
  }
  return name;
}

export const assertNessieHash = (value: unknown) =>
  assertPattern(
    'Nessie hash',
    value,
    /^[0-9a-f]{8,64}$/,
    '8-64 lowercase hex characters',
  );

/**
 * Cassandra keyspace and table names: what CQL accepts unquoted (a letter, then letters, digits,
 * "_"), lowercase so quoting does not change the name, at most 48 characters (Cassandra's limit).
 */
export const assertCqlName = (kind: string, value: unknown) =>
  assertPattern(
    kind,
    value,
    /^[a-z][a-z0-9_]{0,47}$/,
    'a lowercase letter then up to 47 of [a-z0-9_]',
  );

/** Cassandra column names: the spec's sqlIdentifier rule (a leading "_" is legal when quoted). */
export const assertCqlColumn = (value: unknown) =>
  assertPattern(
    'Cassandra column',
    value,
    /^[a-z_][a-z0-9_]{0,62}$/,
    'lowercase [a-z0-9_], not starting with a digit, at most 63',
  );

/**
 * CouchDB database names, stricter than CouchDB's own rule: no "/" (it would need escaping in
 * every path), no "$()+" — a lowercase letter, then letters, digits, "_" and "-".
 */
export const assertCouchDatabase = (value: unknown) =>
  assertPattern(
    'CouchDB database',
    value,
    /^[a-z][a-z0-9_-]{0,127}$/,
    'a lowercase letter then up to 127 of [a-z0-9_-]',
  );

/** Design document and view names: no "/" and not starting with "_" (CouchDB reserves it). */
export const assertCouchDesignName = (kind: string, value: unknown) =>
  assertPattern(
    kind,
    value,
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
    'a letter or digit then up to 63 of [A-Za-z0-9_-]',
  );
