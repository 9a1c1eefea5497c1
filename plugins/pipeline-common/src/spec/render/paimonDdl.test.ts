import { addPaymentsSource, parsedExample } from '../testSupport';
import { convergedPaimonOptions, renderPaimonDdl } from './paimonDdl';

describe('renderPaimonDdl', () => {
  it('renders database, table with typed columns, key, options, as the verified seed does', () => {
    const [database, table, alter] = renderPaimonDdl(parsedExample());
    expect(database).toBe('CREATE DATABASE IF NOT EXISTS `lake`.`commerce`');
    expect(table).toContain(
      'CREATE TABLE IF NOT EXISTS `lake`.`commerce`.`finance_fact` (',
    );
    expect(table).toContain('`amount` DECIMAL(12, 2) NOT NULL');
    // char-to-string: VARCHAR(16)/CHAR(3) become STRING as in the seed table
    expect(table).toContain('`status` STRING NOT NULL');
    expect(table).toContain('`currency` STRING NOT NULL');
    expect(table).toContain('`created_at` TIMESTAMP(6) NOT NULL');
    expect(table).toContain('PRIMARY KEY (`id`) NOT ENFORCED');
    for (const option of [
      "'bucket' = '1'",
      "'changelog-producer' = 'input'",
      "'merge-engine' = 'deduplicate'",
      "'metadata.iceberg.storage' = 'table-location'",
      "'full-compaction.delta-commits' = '1'",
    ]) {
      expect(table).toContain(option);
    }
    expect(table).not.toContain('PARTITIONED BY');
    expect(alter).toBe(
      "ALTER TABLE `lake`.`commerce`.`finance_fact` SET ('full-compaction.delta-commits' = '1')",
    );
  });

  it('adds the Nessie commit callback when the target names Nessie, to CREATE and to the converging ALTER', () => {
    const spec = parsedExample();
    const target = { nessieUri: 'http://nessie:19120/api/v2' };
    const [, table, alter] = renderPaimonDdl(spec, target);
    const param = `uri=http://nessie:19120/api/v2;ref=main;pipeline=${spec.name}`;
    expect(table).toContain(
      "'commit.callbacks' = 'io.dataplatform.paimon.nessie.NessieCommitCallback'",
    );
    expect(table).toContain(
      `'commit.callback.io.dataplatform.paimon.nessie.NessieCommitCallback.param' = '${param}'`,
    );
    expect(alter).toBe(
      `ALTER TABLE \`lake\`.\`commerce\`.\`finance_fact\` SET ('full-compaction.delta-commits' = '1', 'commit.callbacks' = 'io.dataplatform.paimon.nessie.NessieCommitCallback', 'commit.callback.io.dataplatform.paimon.nessie.NessieCommitCallback.param' = '${param}')`,
    );
    expect(convergedPaimonOptions(spec, target).get('finance_fact')).toEqual({
      'full-compaction.delta-commits': '1',
      'commit.callbacks': 'io.dataplatform.paimon.nessie.NessieCommitCallback',
      'commit.callback.io.dataplatform.paimon.nessie.NessieCommitCallback.param':
        param,
    });
    // A table Trino does not read keeps out of Nessie too.
    const hidden = parsedExample(s => {
      s.paimonTables[0].trinoReadable = false;
    });
    expect(renderPaimonDdl(hidden, target).join('\n')).not.toContain(
      'commit.callbacks',
    );
    expect(convergedPaimonOptions(hidden, target).get('finance_fact')).toEqual(
      {},
    );
    expect(() =>
      renderPaimonDdl(spec, { nessieUri: "http://n:1/x';DROP" }),
    ).toThrow();
  });

  it('renders PARTITIONED BY, composite keys, other engines and a custom catalog', () => {
    const spec = parsedExample(s => {
      s.paimonTables[0].primaryKey = ['id', 'currency'];
      s.paimonTables[0].partitionKeys = ['currency'];
      s.paimonTables[0].mergeEngine = 'partial-update';
      s.paimonTables[0].changelogProducer = 'lookup';
      s.paimonTables[0].bucket = 4;
      s.paimonTables[0].trinoReadable = false;
    });
    const statements = renderPaimonDdl(spec, { paimonCatalog: 'paimon' });
    expect(statements).toHaveLength(2);
    expect(statements[1]).toContain(
      'PRIMARY KEY (`id`, `currency`) NOT ENFORCED\n) PARTITIONED BY (`currency`) WITH (',
    );
    expect(statements[1]).toContain("'merge-engine' = 'partial-update'");
    expect(statements[1]).toContain("'changelog-producer' = 'lookup'");
    expect(statements[1]).toContain("'bucket' = '4'");
    expect(statements[1]).not.toContain('metadata.iceberg.storage');
    expect(statements[1]).toContain('`paimon`.`commerce`.`finance_fact`');
  });

  it('types PostgreSQL columns and honours the column subset', () => {
    const ddl = renderPaimonDdl(parsedExample(addPaymentsSource)).find(s =>
      s.includes('payment_fact'),
    )!;
    expect(ddl).toContain('`id` INT NOT NULL');
    expect(ddl).toContain('`method` VARCHAR(16),');
    expect(ddl).toContain('`amount` DECIMAL(12, 2),');
    expect(ddl).toContain('`paid` BOOLEAN');
    expect(ddl).not.toContain('order_id');
  });

  it('keeps free text out of SQL and refuses names that were never validated', () => {
    const spec = parsedExample(s => (s.description = "'); DROP TABLE x; --"));
    expect(renderPaimonDdl(spec).join('\n')).not.toContain('DROP TABLE');
    const smuggled = parsedExample();
    smuggled.paimonTables[0].name = 'x`; DROP TABLE y; --';
    expect(() => renderPaimonDdl(smuggled)).toThrow(
      /quoteIdent: sqlIdentifier/,
    );
  });
});
