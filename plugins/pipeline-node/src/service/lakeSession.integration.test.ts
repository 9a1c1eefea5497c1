import { ConfigReader } from '@backstage/config';
import { requireStack, stackUpstreamsConfig } from '../__testUtils__/stack';
import { UpstreamRegistry } from './UpstreamRegistry';
import { runInLakeSession } from './lakeSession';

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

  it('gives no query the object-store keys: the catalog options hold the warehouse only', async () => {
    const [, options] = await runInLakeSession(flink(), [
      "SET 'execution.runtime-mode' = 'batch'",
      'SELECT `key`, `value` FROM lake.sys.catalog_options',
    ]);
    // Paimon lists what the catalog was created with, minus its type.
    expect(Object.fromEntries(options.rows.map(r => [r[0], r[1]]))).toEqual({
      warehouse: 's3://paimon/warehouse',
    });
  });

  it("writes and reads a table without keys among the options: Flink's filesystem config has them", async () => {
    const db = `keyless_${Date.now()}`;
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

  it('fails naming the gateway when the warehouse cannot be reached', async () => {
    await expect(
      runInLakeSession(flink(`s3://no-such-bucket-${Date.now()}/warehouse`), [
        'SHOW DATABASES IN `lake`',
      ]),
    ).rejects.toThrow(/flink-sql-gateway/);
  });
});
