import { addPaymentsSource, parsedExample } from '../testSupport';
import { renderFlinkJob, wireColumn } from './flinkJob';
import { sqlString, toSqlScript } from './sqlText';

describe('renderFlinkJob', () => {
  it('renders SETs, the debezium-json source and the INSERT like the verified seed job', () => {
    const statements = renderFlinkJob(parsedExample());
    expect(statements.slice(0, 4)).toEqual([
      "SET 'pipeline.name' = 'finance-reconciliation-to-paimon'",
      "SET 'execution.checkpointing.interval' = '30s'",
      "SET 'parallelism.default' = '1'",
      "SET 'table.exec.sink.upsert-materialize' = 'NONE'",
    ]);
    const [source, insert] = statements.slice(4);
    expect(source).toContain(
      'CREATE TEMPORARY TABLE IF NOT EXISTS `finance_fact_cdc` (',
    );
    expect(source).toContain('`amount` STRING');
    expect(source).toContain('`created_at` STRING');
    expect(source).toContain('`id` BIGINT');
    for (const option of [
      "'connector' = 'kafka'",
      "'topic' = 'mariadb.commerce.orders'",
      "'properties.bootstrap.servers' = '127.0.0.1:9092'",
      "'scan.startup.mode' = 'earliest-offset'",
      "'format' = 'debezium-json'",
    ]) {
      expect(source).toContain(option);
    }
    expect(insert).toMatch(
      /^INSERT INTO `lake`\.`commerce`\.`finance_fact`\nSELECT `id`,/,
    );
    expect(insert).toContain('CAST(`amount` AS DECIMAL(12, 2))');
    expect(insert).toContain(
      "CAST(REPLACE(REPLACE(`created_at`, 'T', ' '), 'Z', '') AS TIMESTAMP(6))",
    );
    expect(insert).toContain('FROM `finance_fact_cdc`');
  });

  it('uses the spec checkpoint interval and parallelism', () => {
    const statements = renderFlinkJob(
      parsedExample(
        s =>
          (s.flinkJob = {
            name: 'job',
            checkpointIntervalSeconds: 10,
            parallelism: 2,
          }),
      ),
    );
    expect(statements).toContain(
      "SET 'execution.checkpointing.interval' = '10s'",
    );
    expect(statements).toContain("SET 'parallelism.default' = '2'");
  });

  it('writes several tables from one job through a STATEMENT SET', () => {
    const statements = renderFlinkJob(parsedExample(addPaymentsSource));
    const last = statements[statements.length - 1];
    expect(last).toMatch(/^EXECUTE STATEMENT SET BEGIN\n/);
    expect(last).toContain('INSERT INTO `lake`.`commerce`.`payment_fact`');
    expect(last).toContain('CAST(`paid` AS BOOLEAN)');
    expect(last.endsWith(';\nEND')).toBe(true);
    expect(toSqlScript(statements)).toContain("'topic' = 'pg.public.payments'");
  });

  it('refuses columns without a verified conversion rather than guessing', () => {
    expect(() =>
      wireColumn({
        name: 'd',
        dialect: 'mysql',
        sourceType: 'datetime(3)',
        flinkType: 'TIMESTAMP(3)',
        notNull: false,
      }),
    ).toThrow(
      /column d \(datetime\(3\) → TIMESTAMP\(3\)\) has no verified debezium-json conversion/,
    );
  });

  it('escapes string literals and keeps free text out of SQL', () => {
    expect(sqlString("it's")).toBe("'it''s'");
    expect(() => sqlString('a\nb')).toThrow(/control characters/);
    const sql = renderFlinkJob(
      parsedExample(s => (s.description = "x'); DROP TABLE y; --")),
    ).join('\n');
    expect(sql).not.toContain('DROP TABLE');
  });
});
