import { exampleInput } from './testSupport';

/**
 * Generated hostile input: every payload kind × every name field of the spec. Shared by the
 * spec's own tests and by every consumer that must refuse such a spec before calling out
 * (scaffolder actions, plugins).
 */

/** Values no identifier rule accepts. */
export const UNIVERSAL_PAYLOADS: Record<string, string> = {
  singleQuote: "orders'",
  doubleQuote: 'or"ders',
  backtick: 'or`ders',
  semicolon: 'orders;DROP TABLE x',
  semicolonNoSpace: 'orders;drop',
  lineComment: 'orders -- comment',
  blockComment: 'orders/*x*/',
  cyrillicA: '\u0430dmin',
  cyrillicO: '\u043erders',
  fullwidth: '\uff4f\uff52\uff44\uff45\uff52\uff53',
  zeroWidthSpace: 'ord\u200bers',
  zeroWidthJoiner: 'orders\u200d',
  byteOrderMark: '\ufefforders',
  rightToLeftOverride: '\u202eorders',
  noBreakSpace: 'orders\u00a0',
  pathTraversal: '../etc/passwd',
  dotDot: '..',
  dot: '.',
  overlong: 'a'.repeat(300),
  empty: '',
  blank: '   ',
  nul: 'orders\u0000',
  newline: 'orders\nx',
  carriageReturn: 'orders\r',
  tab: 'or\tders',
  envInjection: '${env:SECRET}',
  fileInjection: '${file:/etc/passwd:root}',
  templateInjection: '${{ parameters.name }}',
  percentEncoded: 'orders%00',
  backslash: 'orders\\',
  html: '<script>',
};

/** Values only SQL identifiers reject (other rules allow digits first, upper case, "-", "."). */
export const SQL_ONLY_PAYLOADS: Record<string, string> = {
  leadingDigit: '1orders',
  upperCase: 'Orders',
  hyphen: 'ord-ers',
  qualifiedName: 'commerce.orders',
  sqlOverlong: 'a'.repeat(64),
};

export interface HostileTargetField {
  path: string;
  rule: string;
  set: (input: any, value: string) => void;
}

// Minimal valid entries of the newer list fields; each target overrides one name field.
const stream = (over: object) => ({
  name: 'clicks',
  topic: 'clicks',
  columns: [
    { name: 'id', type: 'BIGINT' },
    { name: 'at', type: 'TIMESTAMP(3)' },
  ],
  ...over,
});
const derived = (over: object) => ({
  name: 'order_totals',
  columns: [{ name: 'id', type: 'BIGINT' }],
  primaryKey: ['id'],
  select: 'SELECT id FROM finance_fact',
  ...over,
});
const kafkaSink = (over: object) => ({
  name: 'alerts',
  topic: 'alerts',
  columns: [{ name: 'id', type: 'BIGINT' }],
  select: 'SELECT id FROM finance_fact',
  ...over,
});

export const HOSTILE_TARGETS: HostileTargetField[] = [
  { path: 'name', rule: 'entityName', set: (s, v) => (s.name = v) },
  { path: 'owner', rule: 'entityRef', set: (s, v) => (s.owner = v) },
  {
    path: 'sources.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.sources[0].name = v),
  },
  {
    path: 'sources.0.host',
    rule: 'hostName',
    set: (s, v) => (s.sources[0].host = v),
  },
  {
    path: 'sources.0.database',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.sources[0].database = v),
  },
  {
    path: 'sources.0.tables.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.sources[0].tables[0].name = v),
  },
  {
    path: 'sources.0.tables.0.columns.1.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.sources[0].tables[0].columns[1].name = v),
  },
  {
    path: 'sources.0.tables.0.primaryKey.0',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.sources[0].tables[0].primaryKey[0] = v),
  },
  {
    path: 'sources.0.connector.name',
    rule: 'connectorName',
    set: (s, v) => (s.sources[0].connector.name = v),
  },
  {
    path: 'sources.0.connector.topicPrefix',
    rule: 'kafkaTopicName',
    set: (s, v) => (s.sources[0].connector.topicPrefix = v),
  },
  {
    path: 'topics.0.name',
    rule: 'kafkaTopicName',
    set: (s, v) => (s.topics[0].name = v),
  },
  {
    path: 'catalog.database',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.catalog.database = v),
  },
  {
    path: 'paimonTables.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.paimonTables[0].name = v),
  },
  {
    path: 'paimonTables.0.from.table',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.paimonTables[0].from.table = v),
  },
  {
    path: 'paimonTables.0.partitionKeys.0',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.paimonTables[0].partitionKeys = [v]),
  },
  {
    path: 'flinkJob.name',
    rule: 'entityName',
    set: (s, v) => (s.flinkJob.name = v),
  },
  {
    path: 'streams.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.streams = [stream({ name: v })]),
  },
  {
    path: 'streams.0.topic',
    rule: 'kafkaTopicName',
    set: (s, v) => (s.streams = [stream({ topic: v })]),
  },
  {
    path: 'streams.0.columns.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) =>
      (s.streams = [stream({ columns: [{ name: v, type: 'INT' }] })]),
  },
  {
    path: 'streams.0.eventTime.column',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.streams = [stream({ eventTime: { column: v } })]),
  },
  {
    path: 'streams.0.processingTimeColumn',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.streams = [stream({ processingTimeColumn: v })]),
  },
  {
    path: 'derivedTables.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.derivedTables = [derived({ name: v })]),
  },
  {
    path: 'derivedTables.0.columns.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) =>
      (s.derivedTables = [derived({ columns: [{ name: v, type: 'BIGINT' }] })]),
  },
  {
    path: 'derivedTables.0.primaryKey.0',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.derivedTables = [derived({ primaryKey: [v] })]),
  },
  {
    path: 'derivedTables.0.partitionKeys.0',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.derivedTables = [derived({ partitionKeys: [v] })]),
  },
  {
    path: 'kafkaSinks.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.kafkaSinks = [kafkaSink({ name: v })]),
  },
  {
    path: 'kafkaSinks.0.topic',
    rule: 'kafkaTopicName',
    set: (s, v) => (s.kafkaSinks = [kafkaSink({ topic: v })]),
  },
  {
    path: 'kafkaSinks.0.columns.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) =>
      (s.kafkaSinks = [kafkaSink({ columns: [{ name: v, type: 'INT' }] })]),
  },
  {
    path: 'servingSinks.0.paimonTable',
    rule: 'sqlIdentifier',
    set: (s, v) => (s.servingSinks[0].paimonTable = v),
  },
  {
    path: 'servingSinks.0.name',
    rule: 'sqlIdentifier',
    set: (s, v) =>
      (s.servingSinks = [
        { kind: 'couchdb', paimonTable: 'finance_fact', name: v },
      ]),
  },
  {
    path: 'servingSinks.0.keyspace',
    rule: 'sqlIdentifier',
    set: (s, v) =>
      (s.servingSinks = [
        { kind: 'cassandra', paimonTable: 'finance_fact', keyspace: v },
      ]),
  },
  {
    path: 'nessie.branch',
    rule: 'nessieRef',
    set: (s, v) => (s.nessie.branch = v),
  },
];

export function generateHostileCases() {
  const cases: { label: string; target: HostileTargetField; value: string }[] =
    [];
  for (const target of HOSTILE_TARGETS) {
    const payloads =
      target.rule === 'sqlIdentifier'
        ? { ...UNIVERSAL_PAYLOADS, ...SQL_ONLY_PAYLOADS }
        : UNIVERSAL_PAYLOADS;
    for (const [kind, value] of Object.entries(payloads)) {
      cases.push({ label: `${target.path} ← ${kind}`, target, value });
    }
  }
  return cases;
}

/** Each case applied to a fresh copy of the example spec. */
export const hostileSpecInputs = () =>
  generateHostileCases().map(c => {
    const input = exampleInput();
    c.target.set(input, c.value);
    return { label: c.label, path: c.target.path, rule: c.target.rule, input };
  });
