import { systemTable, versionStatements } from './paimonSql';
import { linkTags } from './PaimonVersions';

describe('Paimon system-table SQL', () => {
  it('quotes every part and adds the system-table suffix inside the quotes', () => {
    expect(
      systemTable(
        'lake',
        { database: 'commerce', table: 'orders' },
        'snapshots',
      ),
    ).toBe('`lake`.`commerce`.`orders$snapshots`');
    expect(
      versionStatements('lake', { database: 'commerce', table: 'orders' }),
    ).toEqual([
      "SET 'execution.runtime-mode' = 'batch'",
      'SELECT snapshot_id, commit_time, commit_kind, total_record_count FROM `lake`.`commerce`.`orders$snapshots` ORDER BY snapshot_id DESC LIMIT 20',
      'SELECT tag_name, snapshot_id, create_time, commit_time, record_count FROM `lake`.`commerce`.`orders$tags`',
    ]);
  });

  it.each(['orders`; DROP TABLE x; --', 'Orders', 'orders$tags', 'a.b', ''])(
    'refuses table name %j instead of quoting it',
    bad => {
      expect(() =>
        systemTable('lake', { database: 'commerce', table: bad }, 'tags'),
      ).toThrow(/quoteIdent/);
      expect(() =>
        systemTable('lake', { database: bad, table: 'orders' }, 'tags'),
      ).toThrow(/quoteIdent/);
    },
  );
});

describe('linkTags', () => {
  const refs = [
    {
      type: 'TAG' as const,
      name: 'finance/daily-20261124',
      hash: 'aa'.repeat(32),
    },
    { type: 'BRANCH' as const, name: 'release-1', hash: 'bb'.repeat(32) },
  ];
  it('links a Paimon tag to the Nessie ref of the same name, "/" written as "-"', () => {
    const linked = linkTags(
      [
        { name: 'finance-daily-20261124', snapshotId: 3 },
        { name: 'release-1', snapshotId: 2 },
        { name: 'savepoint-7', snapshotId: 1 },
      ],
      refs,
    );
    expect(linked.map(t => t.nessieRef?.name)).toEqual([
      'finance/daily-20261124',
      'release-1',
      undefined,
    ]);
  });
});
