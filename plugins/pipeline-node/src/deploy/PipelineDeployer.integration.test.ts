import mysql from 'mysql2/promise';
import { ConfigReader } from '@backstage/config';
import {
  financeReconciliationExample,
  nessieTagFor,
  parsePipelineSpec,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import {
  cdcSecretsFile,
  endpoints,
  eventually,
  requireStack,
  runSuffix,
  stackUpstreamsConfig,
} from '../__testUtils__/stack';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import { runInLakeSession } from '../service/lakeSession';
import { PipelineDeployer } from './PipelineDeployer';
import { StepResult } from './types';

// The whole deploy against the real stack: a spec deployed twice (the second run changes
// nothing), then a row inserted into MariaDB arrives in the Paimon table through Debezium,
// Kafka and the Flink job; a release tag lands in Paimon and Nessie. Own table, topic prefix,
// connector, job, database and refs per run, all removed afterwards.
jest.setTimeout(600_000);

const run = runSuffix();
const sourceTable = `pd_${run}`;
const secret = (key: string) => `\${file:${cdcSecretsFile()}:${key}}`;

function specFor(name: string): PipelineSpec {
  const example = financeReconciliationExample;
  const source = example.sources[0];
  const parsed = parsePipelineSpec({
    ...example,
    name,
    sources: [
      {
        ...source,
        tables: [{ ...source.tables[0], name: sourceTable }],
        connector: {
          ...source.connector,
          name: `${name}-mariadb`,
          topicPrefix: `pd${run}`,
          user: secret('mariadb.user'),
          password: secret('mariadb.password'),
        },
      },
    ],
    topics: [{ name: `pd${run}.commerce.${sourceTable}`, partitions: 1 }],
    catalog: { database: `pd_${run}` },
    paimonTables: [
      {
        ...example.paimonTables[0],
        from: { source: source.name, table: sourceTable },
      },
    ],
    flinkJob: { name, checkpointIntervalSeconds: 5 },
    nessie: { branch: `it/${name}`, tagPolicy: `it/${name}-yyyymmdd` },
  });
  if (!parsed.success) throw new Error(parsed.message);
  return parsed.spec;
}

const outcomes = (results: StepResult[]) =>
  Object.fromEntries(results.map(r => [r.step, r.changes.map(c => c.outcome)]));

describe('PipelineDeployer on the real stack', () => {
  const registry = UpstreamRegistry.fromConfig(
    new ConfigReader({ dataPlatform: { upstreams: stackUpstreamsConfig() } }),
  );
  const deployer = new PipelineDeployer(registry);
  const spec = specFor(`deploy-it-${run}`);
  const flink = registry.get('flink');
  let db: mysql.Connection;

  beforeAll(async () => {
    await requireStack(
      'kafka',
      'connect',
      'flink',
      'gateway',
      'nessie',
      'mariadb',
    );
    db = await mysql.createConnection({
      ...endpoints.mariadb,
      database: 'commerce',
    });
    await db.query(
      `CREATE TABLE ${sourceTable} (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,
        status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, currency CHAR(3) NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    );
    await db.query(
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES (1, 7, 'NEW', 10.50, 'EUR')`,
    );
  });

  afterAll(async () => {
    const quiet = (p: Promise<unknown>) => p.catch(() => undefined);
    for (const job of await flink.rest.listJobs().catch(() => []))
      if (job.name === spec.flinkJob.name && job.state === 'RUNNING')
        await quiet(flink.rest.cancel(job.jid));
    const connector = spec.sources[0].connector.name;
    await quiet(registry.get('kafkaConnect').client.delete(connector));
    const kafka = registry.get('kafka').client;
    for (const t of [spec.topics[0].name, `_schema-history.${connector}`])
      await quiet(kafka.deleteTopic(t));
    await quiet(
      runInLakeSession(flink, [
        `DROP TABLE IF EXISTS lake.pd_${run}.finance_fact`,
        `DROP DATABASE IF EXISTS lake.pd_${run}`,
      ]),
    );
    const nessie = registry.get('nessie').client;
    for (const ref of await nessie.listReferences().catch(() => []))
      if (ref.name.startsWith(`it/${spec.name}`))
        await quiet(nessie.deleteReference(ref.name, ref.hash));
    await quiet(db?.query(`DROP TABLE IF EXISTS ${sourceTable}`));
    await quiet(db?.end());
  });

  it('a dry run plans every step and creates nothing', async () => {
    const dry = specFor(`deploy-dry-${run}`);
    const results = await deployer.deploy(dry, { dryRun: true });
    expect(outcomes(results)).toEqual({
      topics: ['planned'],
      connectors: ['validated'],
      'nessie-branch': ['planned'],
      'paimon-tables': ['planned'],
      // No Cassandra or CouchDB sink in this spec: the step reports nothing.
      'serving-stores': [],
      'flink-sql': ['validated'],
      'flink-job': ['planned'],
    });
    expect(
      results.find(r => r.step === 'flink-sql')?.changes[0].detail,
    ).toMatch(/scratch database portal_plan_[0-9a-f]{12} \(dropped\)/);
    await expect(
      registry.get('kafka').client.describeTopic(dry.topics[0].name),
    ).rejects.toThrow();
    const [, databases] = await runInLakeSession(flink, [
      'USE CATALOG lake',
      'SHOW DATABASES',
    ]);
    expect(
      databases.rows
        .map(r => String(r[0]))
        .filter(d => d.startsWith('portal_plan_')),
    ).toEqual([]);
    expect(
      await registry
        .get('kafkaConnect')
        .client.getConfig(dry.sources[0].connector.name),
    ).toBeUndefined();
  });

  it('deploys every step, and a second deploy changes nothing', async () => {
    const first = await deployer.deploy(spec);
    expect(outcomes(first)).toEqual({
      topics: ['created'],
      connectors: ['created'],
      'nessie-branch': ['created'],
      'paimon-tables': ['created'],
      // No Cassandra or CouchDB sink in this spec: the step reports nothing.
      'serving-stores': [],
      'flink-sql': ['validated'],
      'flink-job': ['created'],
    });
    const second = await deployer.deploy(spec);
    expect(outcomes(second)).toEqual({
      topics: ['unchanged'],
      connectors: ['unchanged'],
      'nessie-branch': ['unchanged'],
      'paimon-tables': ['unchanged'],
      // No Cassandra or CouchDB sink in this spec: the step reports nothing.
      'serving-stores': [],
      'flink-sql': ['validated'],
      'flink-job': ['unchanged'],
    });
    const running = (await flink.rest.listJobs()).filter(
      j => j.name === spec.flinkJob.name && j.state === 'RUNNING',
    );
    expect(running).toHaveLength(1);
  });

  it('rows inserted into MariaDB arrive in the Paimon table', async () => {
    await db.query(
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES (2, 8, 'PAID', 99.99, 'USD')`,
    );
    const rows = await eventually(
      'both rows in Paimon',
      180_000,
      async () => {
        const [, result] = await runInLakeSession(flink, [
          "SET 'execution.runtime-mode' = 'batch'",
          `SELECT id, status, amount, currency FROM lake.pd_${run}.finance_fact ORDER BY id`,
        ]);
        return result.rows.length >= 2 ? result.rows : undefined;
      },
      5000,
    );
    // The gateway's JSON rows carry DECIMAL(12,2) as a number (10.5, not "10.50").
    expect(
      rows.map(([id, status, amount, currency]) => [
        id,
        status,
        Number(amount),
        currency,
      ]),
    ).toEqual([
      [1, 'NEW', 10.5, 'EUR'],
      [2, 'PAID', 99.99, 'USD'],
    ]);
  });

  it('redeploys a changed spec from a savepoint: the job is replaced and no row is lost', async () => {
    const changed = {
      ...spec,
      flinkJob: { ...spec.flinkJob, checkpointIntervalSeconds: 6 },
    };
    const runningJobs = async () =>
      (await flink.rest.listJobs()).filter(
        j => j.name === spec.flinkJob.name && j.state === 'RUNNING',
      );
    const [before] = await runningJobs();

    const dry = await deployer.step('flink-job', changed, { dryRun: true });
    expect(dry.changes[0].outcome).toBe('planned');
    expect(dry.changes[0].detail).toMatch(
      new RegExp(
        `would stop ${before.jid} with a savepoint and resubmit: spec changed`,
      ),
    );
    expect((await runningJobs()).map(j => j.jid)).toEqual([before.jid]);

    const result = await deployer.deploy(changed);
    expect(outcomes(result)).toEqual({
      topics: ['unchanged'],
      connectors: ['unchanged'],
      'nessie-branch': ['unchanged'],
      'paimon-tables': ['unchanged'],
      // No Cassandra or CouchDB sink in this spec: the step reports nothing.
      'serving-stores': [],
      'flink-sql': ['validated'],
      'flink-job': ['updated'],
    });
    expect(result.find(r => r.step === 'flink-job')?.changes[0].detail).toMatch(
      /resumed from s3:\/\/\S+savepoint-/,
    );
    const after = await runningJobs();
    expect(after).toHaveLength(1);
    expect(after[0].jid).not.toBe(before.jid);
    expect((await flink.rest.job(before.jid)).state).toBe('FINISHED');
    const restored = await flink.rest.checkpoints(after[0].jid);
    expect(restored.latest?.restored?.external_path).toMatch(/savepoint-/);

    await db.query(
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES (3, 9, 'NEW', 1.00, 'EUR')`,
    );
    const ids = await eventually(
      'row 3 in Paimon after the redeploy',
      180_000,
      async () => {
        const [, rows] = await runInLakeSession(flink, [
          "SET 'execution.runtime-mode' = 'batch'",
          `SELECT id FROM lake.pd_${run}.finance_fact ORDER BY id`,
        ]);
        const found = rows.rows.map(r => Number(r[0]));
        return found.includes(3) ? found : undefined;
      },
      5000,
    );
    expect(ids).toEqual([1, 2, 3]);

    const again = await deployer.step('flink-job', changed);
    expect(again.changes.map(c => c.outcome)).toEqual(['unchanged']);
  });

  it('tags a release in Paimon and Nessie, once', async () => {
    const day = new Date('2026-11-24T12:00:00Z');
    const first = await deployer.step('release-tag', spec, { day });
    expect(first.changes.map(c => [c.target, c.outcome])).toEqual([
      [`paimon pd_${run}.finance_fact@it-deploy-it-${run}-20261124`, 'created'],
      [`nessie ${nessieTagFor(spec, day)}`, 'created'],
    ]);
    const again = await deployer.step('release-tag', spec, { day });
    expect(again.changes.map(c => c.outcome)).toEqual([
      'unchanged',
      'unchanged',
    ]);
  });
});
