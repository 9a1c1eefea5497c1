import { z } from 'zod';

/**
 * Identifier rules of the pipeline spec. Every name that ends up in SQL, a Kafka topic,
 * a connector config or a Nessie ref passes one of these first: renderers never see
 * a name that was not validated, so they never need to escape one.
 *
 * Messages start with the rule name and say why the value was rejected; zod adds the
 * field path, so a user reads e.g. `sources.0.tables.1.name: sqlIdentifier: ...`.
 */

interface RuleDefinition {
  name: string;
  pattern: RegExp;
  maxLength: number;
  /** What a legal value looks like, in words. */
  legal: string;
  /** Extra checks a regex cannot say clearly; returns a reason or undefined. */
  extra?: (value: string) => string | undefined;
}

function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The most specific reason a value breaks a rule: users fix "contains U+0430" faster than a regex. */
export function identifierProblem(
  rule: RuleDefinition,
  value: string,
): string | undefined {
  if (value.length === 0) return 'is empty';
  if (value.length > rule.maxLength) {
    return `is ${value.length} characters long, at most ${rule.maxLength} allowed`;
  }
  // Control characters (NUL, newline, ...) and anything non-ASCII: look-alike letters
  // (Cyrillic 'а'), fullwidth forms and zero-width characters all land here.
  const control = [...value].find(
    ch => ch.codePointAt(0)! < 0x20 || ch.codePointAt(0) === 0x7f,
  );
  if (control) return `contains control character ${codePoint(control)}`;
  const nonAscii = [...value].find(ch => ch.codePointAt(0)! > 0x7e);
  if (nonAscii) {
    return `contains non-ASCII character ${codePoint(
      nonAscii,
    )} (look-alike, fullwidth and invisible characters are not allowed)`;
  }
  const extra = rule.extra?.(value);
  if (extra) return extra;
  if (!rule.pattern.test(value)) return `must be ${rule.legal}`;
  return undefined;
}

function identifierSchema(rule: RuleDefinition) {
  return z.string().superRefine((value, ctx) => {
    const problem = identifierProblem(rule, value);
    if (problem)
      ctx.addIssue({ code: 'custom', message: `${rule.name}: ${problem}` });
  });
}

const SQL_IDENTIFIER: RuleDefinition = {
  name: 'sqlIdentifier',
  pattern: /^[a-z_][a-z0-9_]{0,62}$/,
  maxLength: 63,
  legal:
    'lowercase ASCII letters, digits and "_", not starting with a digit (^[a-z_][a-z0-9_]{0,62}$)',
};

const KAFKA_TOPIC_NAME: RuleDefinition = {
  name: 'kafkaTopicName',
  pattern: /^[a-zA-Z0-9._-]{1,249}$/,
  maxLength: 249,
  legal:
    'ASCII letters, digits, ".", "_" and "-" (Kafka legal topic characters)',
  extra: v => {
    if (v === '.' || v === '..') return 'must not be "." or ".."';
    // Kafka's own (__consumer_offsets) and Kafka Connect's (_connect-offsets, _connect-configs)
    // internal topics start with "_": a spec must never read or write them.
    if (v.startsWith('_'))
      return 'must not start with "_" (reserved for Kafka and Kafka Connect internal topics such as _connect-offsets)';
    return undefined;
  },
};

const CONNECTOR_NAME: RuleDefinition = {
  name: 'connectorName',
  // Connect puts the name into REST paths (/connectors/{name}): keep it URL-safe, no dots
  // at the start so it can never be read as a relative path segment.
  pattern: /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/,
  maxLength: 100,
  legal:
    'ASCII letters, digits, ".", "_" and "-", starting with a letter or digit',
};

const NESSIE_REF: RuleDefinition = {
  name: 'nessieRef',
  pattern: /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/,
  maxLength: 200,
  legal:
    'segments of ASCII letters, digits, "_" and "-" joined by "/" (e.g. finance/daily-20261124)',
  extra: v => {
    if (v.includes('..')) return 'must not contain ".."';
    if (v.startsWith('/') || v.endsWith('/'))
      return 'must not start or end with "/"';
    if (v.includes('//')) return 'must not contain an empty segment "//"';
    return undefined;
  },
};

const ENTITY_NAME: RuleDefinition = {
  name: 'entityName',
  // Backstage's own rule (KubernetesValidatorFunctions.isValidObjectName).
  pattern: /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/,
  maxLength: 63,
  legal:
    'ASCII letters, digits, "-", "_" and ".", starting and ending with a letter or digit (Backstage entity name)',
};

const ENTITY_REF: RuleDefinition = {
  name: 'entityRef',
  pattern:
    /^(?:[A-Za-z][A-Za-z0-9]*:)?(?:([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/,
  maxLength: 200,
  legal:
    'a Backstage entity reference [kind:][namespace/]name, e.g. group:default/finance-team',
};

const HOST_NAME: RuleDefinition = {
  name: 'hostName',
  pattern: /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/,
  maxLength: 253,
  legal: 'a DNS name or IPv4 address (ASCII letters, digits, "." and "-")',
};

export const IDENTIFIER_RULES = {
  sqlIdentifier: SQL_IDENTIFIER,
  kafkaTopicName: KAFKA_TOPIC_NAME,
  connectorName: CONNECTOR_NAME,
  nessieRef: NESSIE_REF,
  entityName: ENTITY_NAME,
  entityRef: ENTITY_REF,
  hostName: HOST_NAME,
} as const;

/** Database, table and column names in MariaDB/PostgreSQL and Flink/Paimon. */
export const sqlIdentifier = identifierSchema(SQL_IDENTIFIER);
/** Kafka topic names. */
export const kafkaTopicName = identifierSchema(KAFKA_TOPIC_NAME);
/** Kafka Connect connector names. */
export const connectorName = identifierSchema(CONNECTOR_NAME);
/** Nessie branch and tag names. */
export const nessieRef = identifierSchema(NESSIE_REF);
/** Backstage entity names (pipeline name, Flink job name). */
export const entityName = identifierSchema(ENTITY_NAME);
/** Backstage entity references (owner). */
export const entityRef = identifierSchema(ENTITY_REF);
/** Database host names. */
export const hostName = identifierSchema(HOST_NAME);

/** True when `value` passes the named rule. */
export function isValidIdentifier(
  rule: keyof typeof IDENTIFIER_RULES,
  value: unknown,
): boolean {
  return (
    typeof value === 'string' &&
    identifierProblem(IDENTIFIER_RULES[rule], value) === undefined
  );
}

/**
 * Backtick-quotes a validated SQL identifier for Flink SQL. Throws on anything else:
 * quoting is a second line of defence, never a way to smuggle an unchecked name in.
 */
export function quoteIdent(name: string): string {
  const problem =
    typeof name === 'string'
      ? identifierProblem(SQL_IDENTIFIER, name)
      : 'is not a string';
  if (problem) throw new Error(`quoteIdent: sqlIdentifier: ${problem}`);
  return `\`${name}\``;
}

/** Paimon system tables a portal may read (`<table>$snapshots`, `<table>$tags`). */
export type PaimonSystemTable = 'snapshots' | 'tags' | 'options' | 'schemas';

/** `` `orders$snapshots` ``: the table name validated like quoteIdent, the suffix from a fixed list. */
export function quotePaimonSystemTable(
  table: string,
  kind: PaimonSystemTable,
): string {
  if (!['snapshots', 'tags', 'options', 'schemas'].includes(kind))
    throw new Error(
      `quotePaimonSystemTable: unknown system table ${String(kind)}`,
    );
  return `\`${quoteIdent(table).slice(1, -1)}$${kind}\``;
}
