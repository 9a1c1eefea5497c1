import { withOptionsOf } from './paimonStep';

describe('withOptionsOf', () => {
  it("reads the WITH options of Flink's SHOW CREATE TABLE answer, quotes undoubled", () => {
    const ddl = `CREATE TABLE \`lake\`.\`commerce\`.\`finance_fact\` (
  \`id\` BIGINT NOT NULL,
  CONSTRAINT \`PK_id\` PRIMARY KEY (\`id\`) NOT ENFORCED
)
WITH (
  'bucket' = '1',
  'commit.callback.io.dataplatform.paimon.nessie.NessieCommitCallback.param' = 'uri=http://127.0.0.1:19120/api/v2;ref=main;pipeline=finance-fact-sink',
  'comment-ish' = 'it''s',
  'full-compaction.delta-commits' = '1'
)`;
    expect(withOptionsOf(ddl)).toEqual({
      bucket: '1',
      'commit.callback.io.dataplatform.paimon.nessie.NessieCommitCallback.param':
        'uri=http://127.0.0.1:19120/api/v2;ref=main;pipeline=finance-fact-sink',
      'comment-ish': "it's",
      'full-compaction.delta-commits': '1',
    });
    expect(withOptionsOf('CREATE TABLE t (id INT)')).toEqual({});
  });
});
