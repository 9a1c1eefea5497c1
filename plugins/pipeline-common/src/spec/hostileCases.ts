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

/**
 * Semantic hostile input: specs whose every name is well-formed but that reach for what the
 * pipeline does not own — another team's table, the stack's secrets, Kafka Connect's internal
 * topics, a database nobody configured. Each names the layer that must refuse it:
 * `spec` (the spec's own rules, at parse), `scope` (the configured sources and the pipeline's
 * namespace, before any upstream call: inputScopeProblems) or `plan` (the scanned tables of the
 * job's EXPLAIN plan on the SQL Gateway, checked by the deploy's flink-sql step).
 */
export interface SemanticHostileCase {
  label: string;
  layer: 'spec' | 'scope' | 'plan';
  change: (input: any) => void;
  /** A fragment the refusal message contains. */
  message: string;
}

/** The configured sources the semantic cases are judged against (the local stack's MariaDB). */
export const SEMANTIC_TEST_SCOPE = {
  sources: [
    {
      name: 'commerce_mariadb',
      kind: 'mariadb' as const,
      host: '127.0.0.1',
      port: 3307,
      database: 'commerce',
      credentials: ['${env:CDC_MARIADB_USER}', '${env:CDC_MARIADB_PASSWORD}'],
    },
  ],
};

/** The example inside its own namespace, with allow-listed credentials: it passes every layer. */
function scopedExampleInput(): any {
  const input = exampleInput();
  const prefix = `${input.name}-my`;
  input.sources[0].connector.topicPrefix = prefix;
  input.sources[0].connector.user = '${env:CDC_MARIADB_USER}';
  input.sources[0].connector.password = '${env:CDC_MARIADB_PASSWORD}';
  input.topics = [{ name: `${prefix}.commerce.orders` }];
  return input;
}

/** A derived table of two STRING columns k, v filled by `select`. */
const derivedSelect = (select: string) => (s: any) => {
  s.derivedTables = [
    {
      name: 'order_copy',
      columns: [
        { name: 'k', type: 'STRING', nullable: false },
        { name: 'v', type: 'STRING' },
      ],
      primaryKey: ['k'],
      select,
    },
  ];
};

const sinkTo = (topic: string, declare: boolean) => (s: any) => {
  if (declare) s.topics.push({ name: topic });
  s.kafkaSinks = [
    {
      name: 'alerts',
      topic,
      columns: [{ name: 'id', type: 'BIGINT' }],
      select: 'SELECT id FROM finance_fact',
    },
  ];
};

export const SEMANTIC_HOSTILE_CASES: SemanticHostileCase[] = [
  {
    label: 'credential reference to the stack secrets file',
    layer: 'scope',
    change: s =>
      (s.sources[0].connector.password =
        '${file:/opt/connect/secrets/stack.env:S3_SECRET_KEY}'),
    message:
      'sources.0.connector.password: credential reference ${file:/opt/connect/secrets/stack.env:S3_SECRET_KEY} is not allowed for source commerce_mariadb',
  },
  {
    label: 'environment credential outside the allow-list',
    layer: 'scope',
    change: s => (s.sources[0].connector.user = '${env:S3_SECRET_KEY}'),
    message:
      'sources.0.connector.user: credential reference ${env:S3_SECRET_KEY} is not allowed',
  },
  {
    label: 'source host nobody configured',
    layer: 'scope',
    change: s => (s.sources[0].host = '10.0.0.5'),
    message:
      'sources.0: mariadb 10.0.0.5:3307/commerce is not a configured source',
  },
  {
    label: 'source database nobody configured',
    layer: 'scope',
    change: s => {
      s.sources[0].database = 'mysql';
      s.topics[0].name = `${s.name}-my.mysql.orders`;
    },
    message:
      'sources.0: mariadb 127.0.0.1:3307/mysql is not a configured source',
  },
  {
    label: "CouchDB serving sink into CouchDB's _users database",
    layer: 'spec',
    change: s =>
      (s.servingSinks = [
        { kind: 'couchdb', paimonTable: 'finance_fact', name: '_users' },
      ]),
    message:
      'servingSinks.0.name: couchdbDatabase: a CouchDB database name must start with a letter',
  },
  {
    label: "CouchDB serving sink into CouchDB's _replicator database",
    layer: 'spec',
    change: s =>
      (s.servingSinks = [
        { kind: 'couchdb', paimonTable: 'finance_fact', name: '_replicator' },
      ]),
    message:
      'couchdbDatabase: a CouchDB database name must start with a letter',
  },
  {
    label: "Cassandra serving sink into Cassandra's system_auth keyspace",
    layer: 'spec',
    change: s =>
      (s.servingSinks = [
        {
          kind: 'cassandra',
          paimonTable: 'finance_fact',
          keyspace: 'system_auth',
          name: 'roles',
        },
      ]),
    message:
      'servingSinks.0.keyspace: cassandraKeyspace: keyspaces starting with "system" are Cassandra\'s own',
  },
  {
    label: 'Kafka sink to Connect offsets',
    layer: 'spec',
    change: sinkTo('_connect-offsets', true),
    message: 'must not start with "_"',
  },
  {
    label: 'stream reading the consumer offsets topic',
    layer: 'spec',
    change: s =>
      (s.streams = [
        {
          name: 'offsets',
          topic: '__consumer_offsets',
          columns: [{ name: 'id', type: 'BIGINT' }],
        },
      ]),
    message: 'streams.0.topic: kafkaTopicName: must not start with "_"',
  },
  {
    label: "Kafka sink to another pipeline's topic",
    layer: 'scope',
    change: sinkTo('orders-lakehouse.alerts', true),
    message:
      'topic "orders-lakehouse.alerts" is outside the namespace of pipeline finance-reconciliation',
  },
  {
    label: "connector named like another pipeline's",
    layer: 'scope',
    change: s => (s.sources[0].connector.name = 'commerce-mariadb'),
    message:
      'sources.0.connector.name: connector "commerce-mariadb" is outside the namespace',
  },
  {
    label: "job named like another pipeline's",
    layer: 'scope',
    change: s => (s.flinkJob.name = 'commerce-orders-to-paimon'),
    message:
      'flinkJob.name: job "commerce-orders-to-paimon" is outside the namespace',
  },
  {
    label: 'more topics than a spec may declare',
    layer: 'spec',
    change: s => {
      for (let i = 0; i < 101; i++)
        s.topics.push({ name: `${s.name}.extra${i}` });
    },
    message: 'topics: Too big',
  },
  {
    label: 'SELECT on the catalog options (where S3 keys could sit)',
    layer: 'plan',
    change: derivedSelect(
      'SELECT `key` AS k, `value` AS v FROM lake.sys.catalog_options',
    ),
    message: 'lake.sys.catalog_options',
  },
  {
    label: "SELECT on another team's table",
    layer: 'plan',
    change: derivedSelect(
      'SELECT CAST(id AS STRING) AS k, status AS v FROM lake.commerce.orders',
    ),
    message: 'lake.commerce.orders',
  },
];

/** Each semantic case applied to a fresh copy of the scoped example. */
export const semanticHostileInputs = () =>
  SEMANTIC_HOSTILE_CASES.map(c => {
    const input = scopedExampleInput();
    c.change(input);
    return { ...c, input };
  });

/** The scoped example unchanged: the positive control of the semantic cases. */
export const semanticBaseInput = scopedExampleInput;
