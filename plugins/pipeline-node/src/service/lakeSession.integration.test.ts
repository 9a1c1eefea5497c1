import { ConfigReader } from '@backstage/config';
import {
  requireStack,
  stackSecrets,
  stackUpstreamsConfig,
} from '../__testUtils__/stack';
import { UpstreamRegistry } from './UpstreamRegistry';
import { runInLakeSession } from './lakeSession';

describe('runInLakeSession (real SQL Gateway + Paimon on S3)', () => {
  beforeAll(() => requireStack('gateway'));

  const flink = (s3SecretKey: string) =>
    UpstreamRegistry.fromConfig(
      new ConfigReader({
        dataPlatform: { upstreams: stackUpstreamsConfig({ s3SecretKey }) },
      }),
    ).get('flink');

  it('creates the configured catalog first, so lake.* names resolve', async () => {
    const [tables] = await runInLakeSession(
      flink(stackSecrets().S3_SECRET_KEY),
      ['SHOW TABLES IN `lake`.`commerce`'],
    );
    expect(tables.rows.map(r => r[0])).toContain('orders');
  });

  it('fails naming the gateway when the catalog credentials are wrong', async () => {
    await expect(
      runInLakeSession(flink('wrong-secret'), [
        'SHOW TABLES IN `lake`.`commerce`',
      ]),
    ).rejects.toThrow(/flink-sql-gateway/);
  });
});
