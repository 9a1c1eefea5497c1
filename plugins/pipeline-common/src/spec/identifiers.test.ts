import {
  connectorName,
  entityName,
  entityRef,
  isValidIdentifier,
  kafkaTopicName,
  nessieRef,
  quoteIdent,
  quotePaimonSystemTable,
  sqlIdentifier,
} from './identifiers';

const messageOf = (result: {
  success: boolean;
  error?: { issues: { message: string }[] };
}) => (result.success ? undefined : result.error!.issues[0].message);

describe('identifier rules', () => {
  it.each([
    [
      'sqlIdentifier',
      sqlIdentifier,
      ['orders', '_tmp', 'finance_fact', 'a'.repeat(63)],
      ['Orders', '1orders', 'a-b', 'a.b', 'a'.repeat(64), ''],
    ],
    [
      'kafkaTopicName',
      kafkaTopicName,
      ['mariadb.commerce.orders', 'A_b-1', 'x'.repeat(249)],
      ['.', '..', 'a/b', 'a b', 'x'.repeat(250)],
    ],
    [
      'connectorName',
      connectorName,
      ['commerce-mariadb', 'finance.cdc_1'],
      ['-x', '.x', 'a/b', 'a b'],
    ],
    [
      'nessieRef',
      nessieRef,
      ['main', 'finance/daily-20261124', 'a/b/c_d'],
      ['/main', 'main/', 'a//b', 'a..b', 'a/../b', 'a.b', 'a b'],
    ],
    [
      'entityName',
      entityName,
      ['finance-reconciliation', 'a', 'a.b_c'],
      ['-a', 'a-', 'a b', 'a/b'],
    ],
    [
      'entityRef',
      entityRef,
      ['finance-team', 'group:finance-team', 'group:default/finance-team'],
      ['group:', 'group:default/', ':x', 'a b'],
    ],
  ] as const)(
    '%s accepts legal values and rejects others with its name',
    (rule, schema, good, bad) => {
      for (const value of good)
        expect(messageOf(schema.safeParse(value))).toBeUndefined();
      for (const value of bad)
        expect(messageOf(schema.safeParse(value))).toMatch(
          new RegExp(`^${rule}: `),
        );
    },
  );

  it('explains why: look-alikes, invisible characters, length, emptiness', () => {
    expect(messageOf(sqlIdentifier.safeParse('\u0430dmin'))).toBe(
      'sqlIdentifier: contains non-ASCII character U+0430 (look-alike, fullwidth and invisible characters are not allowed)',
    );
    expect(messageOf(sqlIdentifier.safeParse('a\u200bb'))).toContain('U+200B');
    expect(messageOf(sqlIdentifier.safeParse('a\u0000'))).toBe(
      'sqlIdentifier: contains control character U+0000',
    );
    expect(messageOf(sqlIdentifier.safeParse('a'.repeat(70)))).toBe(
      'sqlIdentifier: is 70 characters long, at most 63 allowed',
    );
    expect(messageOf(sqlIdentifier.safeParse(''))).toBe(
      'sqlIdentifier: is empty',
    );
    expect(messageOf(kafkaTopicName.safeParse('..'))).toBe(
      'kafkaTopicName: must not be "." or ".."',
    );
    expect(messageOf(nessieRef.safeParse('a/../b'))).toBe(
      'nessieRef: must not contain ".."',
    );
  });

  it('isValidIdentifier checks by rule name and refuses non-strings', () => {
    expect(isValidIdentifier('sqlIdentifier', 'orders')).toBe(true);
    expect(isValidIdentifier('sqlIdentifier', 42)).toBe(false);
  });
});

describe('quoteIdent', () => {
  it('backtick-quotes validated identifiers', () => {
    expect(quoteIdent('finance_fact')).toBe('`finance_fact`');
  });

  it.each(['a`b', 'a; DROP TABLE x', '', 'A', '\u0430', 'x'.repeat(64)])(
    'refuses %j',
    name => {
      expect(() => quoteIdent(name)).toThrow(/^quoteIdent: sqlIdentifier: /);
    },
  );

  it('refuses non-strings smuggled past the type system', () => {
    expect(() => quoteIdent(undefined as unknown as string)).toThrow(
      'quoteIdent: sqlIdentifier: is not a string',
    );
  });
});

describe('quotePaimonSystemTable', () => {
  it('quotes a validated table with a fixed suffix', () => {
    expect(quotePaimonSystemTable('orders', 'snapshots')).toBe(
      '`orders$snapshots`',
    );
  });
  it('refuses unsafe names and unknown kinds', () => {
    expect(() => quotePaimonSystemTable('orders`; DROP', 'tags')).toThrow();
    expect(() => quotePaimonSystemTable('orders', 'files' as never)).toThrow();
  });
});
