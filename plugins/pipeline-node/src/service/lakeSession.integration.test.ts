import { ConfigReader } from '@backstage/config';
import { requireStack, stackUpstreamsConfig } from '../__testUtils__/stack';
import { UpstreamRegistry } from './UpstreamRegistry';
import { runInLakeSession } from './lakeSession';
import { scannedTables } from '../deploy/planScope';

jest.setTimeout(120_000);

describe('runInLakeSession (real SQL Gateway + Paimon on S3)', () => {
  beforeAll(() => requireStack('gateway'));

  const flink = (warehouse?: string) => {
    const upstreams = stackUpstreamsConfig();
    if (warehouse) upstreams.flink[0].paimonCatalog.warehouse = warehouse;
    return UpstreamRegistry.fromConfig(
      new ConfigReader({ dataPlatform: { upstreams } }),
    ).get('flink');
  };

  it('creates the configured catalog first, so lake.* names resolve', async () => {
    const [tables] = await runInLakeSession(flink(), [
      'SHOW TABLES IN `lake`.`commerce`',
    ]);
    expect(tables.rows.map(r => r[0])).toContain('finance_fact');
  });

  it("writes and reads a table through Paimon's own S3 file IO", async () => {
    const db = `lake_it_${Date.now()}`;
    try {
      const results = await runInLakeSession(flink(), [
        "SET 'execution.runtime-mode' = 'batch'",
        "SET 'table.dml-sync' = 'true'",
        `CREATE DATABASE lake.${db}`,
        `CREATE TABLE lake.${db}.t (id BIGINT, v STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '1')`,
        `INSERT INTO lake.${db}.t VALUES (1, 'a'), (2, 'b')`,
        `SELECT count(*) FROM lake.${db}.t`,
      ]);
      expect(Number(results[results.length - 1].rows[0][0])).toBe(2);
    } finally {
      await runInLakeSession(flink(), [
        `DROP TABLE IF EXISTS lake.${db}.t`,
        `DROP DATABASE IF EXISTS lake.${db}`,
      ]).catch(() => undefined);
    }
  });

  it('the catalog options hold the keys: a plan reading them is what planScope refuses', async () => {
    // EXPLAIN only (no rows): the plan names lake.sys.catalog_options, so the deploy and the
    // form's live check refuse such SQL before it runs (planScope).
    const [plan] = await runInLakeSession(flink(), [
      'EXPLAIN SELECT `key`, `value` FROM lake.sys.catalog_options',
    ]);
    const scanned = scannedTables(plan.rows.map(r => String(r[0])).join('\n'));
    expect(scanned).toContain('lake.sys.catalog_options');
  });

  it('fails naming the gateway when the warehouse cannot be reached', async () => {
    await expect(
      runInLakeSession(flink(`s3://no-such-bucket-${Date.now()}/warehouse`), [
        'SHOW DATABASES IN `lake`',
      ]),
    ).rejects.toThrow(/flink-sql-gateway/);
  });
});
