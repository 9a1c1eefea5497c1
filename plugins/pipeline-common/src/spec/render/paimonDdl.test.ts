import { addPaymentsSource, parsedExample } from '../testSupport';
import { renderPaimonDdl } from './paimonDdl';

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
