import { parsePipelineSpec } from './pipelineSpec';
import { exampleInput } from './testSupport';

/**
 * Generated hostile input: every payload kind × every name field of the spec. Each case
 * must fail, with an error line whose path is the field and whose message names the rule.
 */

/** Values no identifier rule accepts. */
const UNIVERSAL_PAYLOADS: Record<string, string> = {
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
const SQL_ONLY_PAYLOADS: Record<string, string> = {
  leadingDigit: '1orders',
  upperCase: 'Orders',
  hyphen: 'ord-ers',
  qualifiedName: 'commerce.orders',
  sqlOverlong: 'a'.repeat(64),
};

interface TargetField {
  path: string;
  rule: string;
  set: (input: any, value: string) => void;
}

const TARGETS: TargetField[] = [
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
    path: 'nessie.branch',
    rule: 'nessieRef',
    set: (s, v) => (s.nessie.branch = v),
  },
];

function generateCases() {
  const cases: { label: string; target: TargetField; value: string }[] = [];
  for (const target of TARGETS) {
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

const CASES = generateCases();

describe('hostile input', () => {
  it('generates at least 200 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
  });

  it.each(CASES.map(c => [c.label, c] as const))(
    'rejects %s',
    (_, { target, value }) => {
      const input = exampleInput();
      target.set(input, value);
      const result = parsePipelineSpec(input);
      expect(result.success).toBe(false);
      if (result.success) return;
      const line = result.errors.find(e => e.startsWith(`${target.path}: `));
      expect(line).toBeDefined();
      expect(line).toMatch(
        new RegExp(
          `^${target.path.replace(/\./g, '\\.')}: ${target.rule}: \\S`,
        ),
      );
      // Error text goes to logs and UIs: it must not carry the payload's control or invisible characters.
      for (const error of result.errors) {
        expect(
          [...error].every(
            ch => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) < 0x7f,
          ),
        ).toBe(true);
      }
    },
  );
});
