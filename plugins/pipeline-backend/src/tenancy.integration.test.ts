import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { CatalogClient } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import { runInLakeSession } from '@internal/backstage-plugin-pipeline-node';
import {
  createDeployActions,
  createPublishLocalGitAction,
  createRegisterInCatalogAction,
  PipelineBackendClient,
} from '@internal/backstage-plugin-scaffolder-backend-module-pipeline';
import mysql from 'mysql2/promise';
import { readInputScope } from '@internal/backstage-plugin-pipeline-node';
import { ConfigReader } from '@backstage/config';
import {
  startTenancyBackend,
  TenancyBackend,
} from './__testUtils__/tenancyBackend';
import {
  cdcSpec,
  eventually,
  gitHead,
  GIT_SERVER,
  renderedWorkspace,
  stackConfig,
  stackDir,
  stackState,
  upstreamsOf,
} from './__testUtils__/tenancyStack';

// Two teams on the real stack through the real portal backend (pipeline registry on SQLite, the
// data-platform permission policy in the permission backend, the catalog with the teams' group
// memberships, the flink/nessie/streaming backends). Alice (team A) publishes, registers and
// deploys a pipeline with the scaffolder's actions. Bob (team B) then tries everything the
// review found — each attempt is refused with a clear message, and team A's job, connector,
// topic, table, Nessie branch and repository are byte for byte as they were. Alice's day 2
// (stop, resume, a replace refused then accepted, decommission) closes it, which also removes
// what the test deployed.
jest.setTimeout(900_000);

const run = Date.now().toString(36);
const A = `tn-a-${run}`;
const B = `tn-b-${run}`;
const sourceTable = `tn_${run}`;
const database = `tn_${run}`;
const branchA = `tn-${run}/a`;
const gitOwner = `tn-${run}`;
const repoA = `${gitOwner}/${A}`;
const TEAM_A = 'group:default/team-a';
const TEAM_B = 'group:default/team-b';

const config = stackConfig('group:default/platform-ops');
const upstreams = upstreamsOf(config);
const specA = cdcSpec({
  name: A,
  owner: TEAM_A,
  sourceTable,
  database,
  table: 'ta_orders',
  branch: branchA,
});
/** Team B's own pipeline: its names, its owner; `change` adds what an attempt needs. */
const specB = (change?: (s: any) => void, name = B) =>
  cdcSpec({
    name,
    owner: TEAM_B,
    sourceTable,
    database,
    table: 'tb_orders',
    branch: `tn-${run}/b`,
    change,
  });

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name },
  spec: { type: 'team', children: [] },
});
const user = (name: string, team: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { memberOf: [team] },
});
const component = (
  name: string,
  owner: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'flink-job', lifecycle: 'experimental', owner },
});
const objectsOfA = {
  'dataplatform.io/flink-job-name': A,
  'dataplatform.io/kafka-connector': `${A}-mariadb`,
  'dataplatform.io/nessie-branch': branchA,
};

let portal: TenancyBackend;
let db: mysql.Connection;
const workspaces: string[] = [];

/** The scaffolder's actions, acting for a task initiator against this backend. */
function scaffolder(api: string) {
  const discovery = {
    getBaseUrl: async (id: string) => `${api}/${id}`,
    getExternalBaseUrl: async (id: string) => `${api}/${id}`,
  };
  const auth = {
    getPluginRequestToken: async ({
      onBehalfOf,
    }: {
      onBehalfOf: BackstageCredentials;
    }) => ({
      token: mockCredentials.user.token(
        (onBehalfOf.principal as { userEntityRef: string }).userEntityRef,
        { actor: { subject: 'plugin:scaffolder' } },
      ),
    }),
    getOwnServiceCredentials: async () =>
      mockCredentials.service('plugin:scaffolder'),
  } as unknown as AuthService;
  const backend = new PipelineBackendClient(discovery, auth);
  const catalog = new CatalogClient({ discoveryApi: discovery });
  const deploy = createDeployActions(
    backend,
    readInputScope(new ConfigReader(config)),
  ).find(a => a.id === 'dataplatform:pipeline:deploy')!;
  const publishAction = createPublishLocalGitAction(
    { serverUrl: GIT_SERVER },
    ({ credentials, ...body }) => backend.reserveRepository(body, credentials),
  );
  const register = createRegisterInCatalogAction({
    backend,
    auth,
    catalog: {
      addLocation: (location, { credentials }) =>
        catalog.addLocation(location, {
          token: mockCredentials.service.token({
            onBehalfOf: credentials,
            targetPluginId: 'catalog',
          }),
        }),
    },
  });
  return { backend, deploy, publish: publishAction, register };
}

function task(as: string, input: Record<string, unknown>, workspacePath = '/') {
  const output = new Map<string, unknown>();
  const log: string[] = [];
  const ctx = {
    input,
    isDryRun: false,
    workspacePath,
    logger: {
      info: (m: string) => log.push(m),
      warn: (m: string) => log.push(m),
      error: (m: string) => log.push(m),
      debug: () => {},
      child: () => ctx.logger,
    },
    output: (key: string, value: unknown) => output.set(key, value),
    task: { id: `task-${as}` },
    checkpoint: async () => {},
    createTemporaryDirectory: async () => workspacePath,
    getInitiatorCredentials: async () =>
      mockCredentials.user(`user:default/${as}`),
  } as any;
  return { ctx, output, log };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: Error) => e,
  );

/** A publish as `as`: a rendered workspace of `spec` pushed to `<gitOwner>/<repo>`. */
async function publish(as: string, spec: typeof specA, repo = spec.name) {
  const workspace = await renderedWorkspace(
    spec,
    `${GIT_SERVER}/${gitOwner}/${repo}`,
  );
  workspaces.push(workspace);
  const t = task(as, { owner: gitOwner, name: repo }, workspace);
  await scaffolder(portal.api).publish.handler(t.ctx);
  return t;
}

const deployAs = (as: string, spec: unknown) =>
  scaffolder(portal.api).deploy.handler(task(as, { spec }).ctx);

describe('two teams on one stack', () => {
  beforeAll(async () => {
    db = await mysql.createConnection({
      socketPath: path.join(stackDir, '.state/run/mariadb.sock'),
      user: 'root',
      database: 'commerce',
    });
    await db.query(
      `CREATE TABLE ${sourceTable} (id BIGINT PRIMARY KEY, customer_id INT NOT NULL,
        status VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, currency CHAR(3) NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    );
    await db.query(
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency)
       VALUES (1, 7, 'NEW', 10.50, 'EUR'), (2, 8, 'PAID', 20.00, 'EUR'), (3, 9, 'NEW', 5.25, 'USD')`,
    );
    portal = await startTenancyBackend({
      config,
      entities: [
        group('team-a'),
        group('team-b'),
        group('platform-ops'),
        user('alice', 'team-a'),
        user('bob', 'team-b'),
        user('ops', 'platform-ops'),
        // A catalog-info bob controls: his team as owner, team A's objects in its annotations.
        component(`forged-${run}`, TEAM_B, objectsOfA),
        component(`on-main-${run}`, TEAM_A, {
          'dataplatform.io/nessie-branch': 'main',
        }),
      ],
    });
    await eventually('the catalog has bob with his group', 60_000, async () => {
      const res = await portal.call(
        'service:tenancy-test',
        'GET',
        '/catalog/entities/by-name/user/default/bob',
      );
      return res.body?.relations?.some((r: any) => r.type === 'memberOf')
        ? true
        : undefined;
    });
  });

  afterAll(async () => {
    const quiet = (p: Promise<unknown>) => p.catch(() => undefined);
    const flink = upstreams.get('flink');
    for (const job of await flink.rest.listJobs().catch(() => []))
      if ([A, B].includes(job.name) && job.state === 'RUNNING')
        await quiet(flink.rest.cancel(job.jid));
    const connect = upstreams.get('kafkaConnect').client;
    const kafka = upstreams.get('kafka').client;
    for (const name of [A, B]) {
      await quiet(connect.delete(`${name}-mariadb`));
      for (const topic of [
        `${name}-my.commerce.${sourceTable}`,
        `_schema-history.${name}-mariadb`,
      ])
        await quiet(kafka.deleteTopic(topic));
    }
    await quiet(
      runInLakeSession(flink, [
        `DROP TABLE IF EXISTS lake.${database}.ta_orders`,
        `DROP TABLE IF EXISTS lake.${database}.ta_orders_by_status`,
        `DROP TABLE IF EXISTS lake.${database}.tb_orders`,
        `DROP DATABASE IF EXISTS lake.${database}`,
      ]),
    );
    const nessie = upstreams.get('nessie').client;
    for (const ref of await nessie.listReferences().catch(() => []))
      if (ref.name.startsWith(`tn-${run}/`))
        await quiet(nessie.deleteReference(ref.name, ref.hash));
    await quiet(db?.query(`DROP TABLE IF EXISTS ${sourceTable}`));
    await quiet(db?.end());
    // The git server has no delete API: its repositories are directories of the stack's state.
    await fs.rm(path.join(stackDir, '.state/git', gitOwner), {
      recursive: true,
      force: true,
    });
    for (const w of workspaces)
      await fs.rm(w, { recursive: true, force: true });
  });

  let before: Awaited<ReturnType<typeof stackState>>;

  it("team A publishes, registers and deploys its pipeline with the template's actions", async () => {
    const published = await publish('alice', specA);
    expect(published.log).toContainEqual(
      `the pipeline registry gives repository ${repoA} to pipeline default/${A} (create)`,
    );
    const registered = task('alice', {
      catalogInfoUrl: published.output.get('catalogInfoUrl'),
    });
    await scaffolder(portal.api).register.handler(registered.ctx);
    expect(registered.output.get('entityRef')).toBe(`component:default/${A}`);
    await eventually("the catalog has team A's pipeline", 60_000, async () => {
      const res = await portal.call(
        'alice',
        'GET',
        `/catalog/entities/by-name/component/default/${A}`,
      );
      return res.status === 200 ? res.body : undefined;
    });

    const deployed = task('alice', { spec: specA });
    await scaffolder(portal.api).deploy.handler(deployed.ctx);
    expect(deployed.log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^flink-job \\(flink-rest\\): ${A} created — RUNNING as [0-9a-f]{32}`,
        ),
      ),
    );
    await eventually("team A's three rows in Paimon", 240_000, async () => {
      const [, count] = await runInLakeSession(upstreams.get('flink'), [
        "SET 'execution.runtime-mode' = 'batch'",
        `SELECT count(*) FROM lake.${database}.ta_orders`,
      ]);
      return Number(count.rows[0][0]) === 3 ? true : undefined;
    });
    // One more checkpoint with nothing new: the table's last snapshot is settled.
    await new Promise(r => setTimeout(r, 12_000));
    before = await stackState(upstreams, specA, repoA);
    expect(before.jobs).toHaveLength(1);
    expect(before.table.rows).toBe(3);
  });

  it("refuses team B's template run with team A's names, naming the owner", async () => {
    // Team A's pipeline name: the registry says it is team A's.
    const sameName = await failure(
      publish('bob', cdcSpec({ ...specAOptions(), owner: TEAM_B })),
    );
    expect(sameName.name).toBe('NotAllowedError');
    expect(sameName.message).toBe(
      `user:default/bob may not deploy pipeline default/${A}: its owner in the pipeline registry is ${TEAM_A}, and you are neither a member of it nor a platform operator; nothing was changed`,
    );
    // Team A's Paimon table and Nessie branch under team B's own pipeline name.
    const sameObjects = await failure(
      deployAs(
        'bob',
        specB(s => {
          s.paimonTables[0].name = 'ta_orders';
          s.nessie = { branch: branchA, tagPolicy: `${branchA}-yyyymmdd` };
        }),
      ),
    );
    expect(sameObjects.name).toBe('ConflictError');
    expect(sameObjects.message).toBe(
      `pipeline default/${B} was refused, nothing was changed: Paimon table "${database}.ta_orders" (instance local) is claimed by pipeline default/${A} (owner ${TEAM_A}); Nessie branch "${branchA}" (instance local) is claimed by pipeline default/${A} (owner ${TEAM_A})`,
    );
    // A stream on team A's topic: reading another team's data.
    const readsA = await failure(
      deployAs(
        'bob',
        specB(s => {
          s.streams = [
            {
              name: 'a_orders',
              topic: specA.topics[0].name,
              columns: [{ name: 'id', type: 'BIGINT' }],
            },
          ];
        }),
      ),
    );
    expect(readsA.message).toContain(
      `topic "${specA.topics[0].name}" (instance local) is claimed by pipeline default/${A} (owner ${TEAM_A})`,
    );
    // A new pipeline for team A's group, which bob is not a member of.
    const forTeamA = await failure(
      deployAs(
        'bob',
        specB(s => (s.owner = TEAM_A)),
      ),
    );
    expect(forTeamA.message).toBe(
      `user:default/bob may not create pipeline default/${B} for owner ${TEAM_A}: you are neither a member of ${TEAM_A} nor a platform operator; nothing was changed`,
    );
  });

  it("refuses to push over team A's repository", async () => {
    const error = await failure(publish('bob', specB(), A));
    expect(error.message).toContain(
      `repository "${repoA}" (instance local) is claimed by pipeline default/${A} (owner ${TEAM_A})`,
    );
    // Registering team A's repository, or any other URL, as bob.
    const url = `${GIT_SERVER}/${repoA}/raw/main/catalog-info.yaml`;
    const register = await failure(
      scaffolder(portal.api).register.handler(
        task('bob', { catalogInfoUrl: url }).ctx,
      ),
    );
    expect(register.message).toBe(
      `user:default/bob may not register repository ${repoA}: it belongs to pipeline default/${A}, owned by ${TEAM_A}`,
    );
    const byHand = await portal.call('bob', 'POST', '/catalog/locations', {
      type: 'url',
      target: url,
    });
    expect(byHand).toMatchObject({ status: 403 });
  });

  it("refuses a forged owner annotation: bob's entity names team A's job, connector and branch", async () => {
    const entityRef = `component:default/forged-${run}`;
    const stop = await portal.call(
      'bob',
      'POST',
      '/flink/stop-with-savepoint',
      {
        entityRef,
      },
    );
    expect(stop).toMatchObject({ status: 403 });
    expect(stop.body.error.message).toBe(
      `not allowed to stop-with-savepoint Flink job ${A} (asked from ${entityRef}): no pipeline you own claims it`,
    );
    const restart = await portal.call(
      'bob',
      'POST',
      '/streaming/connectors/restart-failed',
      {
        entityRef,
      },
    );
    expect(restart).toMatchObject({ status: 403 });
    expect(restart.body.error.message).toContain(
      `not allowed to restart tasks of connector ${A}-mariadb`,
    );
    const rollback = await portal.call('bob', 'POST', '/nessie/rollback', {
      entityRef,
      branch: branchA,
      expectedHash: before.nessie,
      targetHash: before.nessie,
    });
    expect(rollback).toMatchObject({ status: 403 });
    const tag = await portal.call('bob', 'POST', '/nessie/references', {
      entityRef,
      type: 'TAG',
      name: `tn-${run}/a-forged`,
      from: { ref: branchA },
    });
    expect(tag).toMatchObject({ status: 403 });
    // The Deployment tab of bob's entity: not a pipeline the registry knows.
    const view = await portal.call(
      'bob',
      'GET',
      `/pipeline/by-entity?entityRef=${encodeURIComponent(entityRef)}`,
    );
    expect(view).toMatchObject({ status: 404 });
  });

  it("refuses a credential reference to the stack secrets, SELECTs on sys.catalog_options and on team A's table, and a sink to _connect-offsets", async () => {
    const stackEnv = `\${file:${path.join(
      stackDir,
      '.state/secrets/stack.env',
    )}:S3_SECRET_KEY}`;
    // Straight to the backend, past the action's own check: the backend refuses it too.
    const credential = await portal.call('bob', 'POST', '/pipeline/deploy', {
      spec: specB(s => (s.sources[0].connector.password = stackEnv)),
    });
    expect(credential).toMatchObject({ status: 400 });
    expect(credential.body.error.message).toContain(
      `sources.0.connector.password: credential reference ${stackEnv} is not allowed for source commerce_mariadb; allowed: \${env:CDC_MARIADB_USER}, \${env:CDC_MARIADB_PASSWORD}`,
    );
    const derived = (select: string) => (s: any) => {
      s.derivedTables = [
        {
          name: 'tb_copy',
          columns: [
            { name: 'k', type: 'STRING', nullable: false },
            { name: 'v', type: 'STRING' },
          ],
          primaryKey: ['k'],
          select,
        },
      ];
    };
    for (const [select, table] of [
      [
        'SELECT `key` AS k, `value` AS v FROM lake.sys.catalog_options',
        'lake.sys.catalog_options',
      ],
      [
        `SELECT CAST(id AS STRING) AS k, status AS v FROM lake.${database}.ta_orders`,
        `lake.${database}.ta_orders`,
      ],
    ]) {
      const error = await failure(deployAs('bob', specB(derived(select))));
      expect(error.name).toBe('InputError');
      expect(error.message).toContain(
        `the job reads ${table}, which is not a table or stream of pipeline ${B}: an authored SELECT may read only the spec's own tables and streams`,
      );
    }
    const offsets = await portal.call('bob', 'POST', '/pipeline/deploy', {
      spec: {
        ...JSON.parse(JSON.stringify(specB())),
        topics: [...specB().topics, { name: '_connect-offsets' }],
        kafkaSinks: [
          {
            name: 'alerts',
            topic: '_connect-offsets',
            columns: [{ name: 'id', type: 'BIGINT' }],
            select: 'SELECT id FROM tb_orders',
          },
        ],
      },
    });
    expect(offsets).toMatchObject({ status: 400 });
    expect(offsets.body.error.message).toContain(
      'kafkaSinks.0.topic: kafkaTopicName: must not start with "_"',
    );
    // Refused before anything changed: none of team B's objects exist.
    const connect = upstreams.get('kafkaConnect').client;
    expect(await connect.getConfig(`${B}-mariadb`)).toBeUndefined();
    expect(
      await upstreams.get('kafka').client.topicExists(specB().topics[0].name),
    ).toBe(false);
  });

  it('serializes two concurrent deploys of one pipeline: the second is refused', async () => {
    const outcomes = await Promise.allSettled([
      deployAs('alice', specA),
      deployAs('alice', specA),
    ]);
    const refused = outcomes.filter(o => o.status === 'rejected');
    expect(outcomes.filter(o => o.status === 'fulfilled')).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(
      new RegExp(
        `^pipeline default/${A} is busy: deploy by user:default/alice since \\d{4}-`,
      ),
    );
  });

  it('refuses a rollback of main, even for its owner', async () => {
    const nessie = upstreams.get('nessie').client;
    // main keeps moving (the stack records Paimon commits there): roll it back one commit.
    const [head, parent] = (await nessie.commitLog('main', { maxRecords: 2 }))
      .entries;
    const res = await portal.call('alice', 'POST', '/nessie/rollback', {
      entityRef: `component:default/on-main-${run}`,
      branch: 'main',
      expectedHash: head.hash,
      targetHash: parent.hash,
    });
    expect(res).toMatchObject({
      status: 400,
      body: {
        error: {
          message:
            "main cannot be rolled back or reassigned from the portal: it is the base every pipeline's branch starts from",
        },
      },
    });
    // Not moved back: the head it had is still in its history.
    const now = (await nessie.commitLog('main', { maxRecords: 50 })).entries;
    expect(now.map(c => c.hash)).toContain(head.hash);
  });

  it('refuses a static token or service: it cannot deploy', async () => {
    const res = await portal.call(
      'service:portal-tests',
      'POST',
      '/pipeline/deploy',
      {
        spec: specA,
      },
    );
    expect(res).toMatchObject({ status: 403 });
  });

  it('refuses an object that exists on the stack but no pipeline claims, unless an operator adopts it', async () => {
    const nessie = upstreams.get('nessie').client;
    const orphan = `tn-${run}/orphan`;
    await nessie.createBranch(orphan, { name: 'main' });
    const spec = specB(s => {
      s.nessie = { branch: orphan, tagPolicy: `${orphan}-yyyymmdd` };
    });
    const refused = await portal.call('bob', 'POST', '/pipeline/deploy', {
      spec,
      dryRun: true,
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: {
          message: `pipeline default/${B} was refused, nothing was changed: Nessie branch "${orphan}" (instance local) already exists on the stack and no pipeline claims it; a platform operator must adopt it (deploy with adopt) before a pipeline can use it`,
        },
      },
    });
    const bobAdopts = await portal.call('bob', 'POST', '/pipeline/deploy', {
      spec,
      dryRun: true,
      adopt: true,
    });
    expect(bobAdopts.body.error.message).toContain(
      'only a platform operator may adopt objects',
    );
    const operator = await portal.call('ops', 'POST', '/pipeline/deploy', {
      spec,
      dryRun: true,
      adopt: true,
    });
    expect(operator).toMatchObject({ status: 200 });
    expect(
      operator.body.record.steps.find((st: any) => st.step === 'nessie-branch')
        .changes[0],
    ).toMatchObject({ target: orphan, outcome: 'unchanged' });
  });

  it("leaves team A's job, connector, topic, table, branch and repository byte for byte as they were", async () => {
    expect(await stackState(upstreams, specA, repoA)).toEqual(before);
  });

  it('positive controls: team A may act on its own pipeline through the same checks', async () => {
    const entityRef = `component:default/${A}`;
    const restart = await portal.call(
      'alice',
      'POST',
      '/streaming/connectors/restart-failed',
      {
        entityRef,
      },
    );
    expect(restart).toMatchObject({ status: 200 });
    const tag = await portal.call('alice', 'POST', '/nessie/references', {
      entityRef,
      type: 'TAG',
      name: `tn-${run}/a-tagged`,
      from: { ref: branchA },
    });
    expect(tag).toMatchObject({ status: 201 });
    const view = await portal.call(
      'alice',
      'GET',
      `/pipeline/by-entity?entityRef=${encodeURIComponent(entityRef)}`,
    );
    expect(view.body).toMatchObject({
      owner: TEAM_A,
      allowed: { deploy: true, stop: true, decommission: true },
      head: { inSync: true },
    });
    const asBob = await portal.call(
      'bob',
      'GET',
      `/pipeline/by-entity?entityRef=${encodeURIComponent(entityRef)}`,
    );
    expect(asBob.body.allowed).toEqual({
      deploy: false,
      stop: false,
      decommission: false,
      restorePoint: false,
      restore: false,
    });
    const stopByBob = await portal.call('bob', 'POST', '/pipeline/stop', {
      pipeline: `default/${A}`,
    });
    expect(stopByBob).toMatchObject({ status: 403 });
  });

  it('day 2: stop with a savepoint, resume from it, a replace refused unless accepted, decommission', async () => {
    const id = `default/${A}`;
    const stop = await portal.call('alice', 'POST', '/pipeline/stop', {
      pipeline: id,
    });
    expect(stop).toMatchObject({ status: 200 });
    expect(stop.body.savepoint).toMatch(/^s3:\/\/flink\/savepoints\//);
    const resume = await portal.call('alice', 'POST', '/pipeline/resume', {
      pipeline: id,
    });
    expect(resume).toMatchObject({ status: 200 });
    expect(resume.body.record.steps[0].changes[0].detail).toContain(
      `resumed from ${stop.body.savepoint}`,
    );

    // A new version at HEAD with a second INSERT: its plan cannot take the old job's state.
    const v2 = cdcSpec({
      ...specAOptions(),
      change: s => {
        s.derivedTables = [
          {
            name: 'ta_orders_by_status',
            columns: [
              { name: 'status', type: 'STRING', nullable: false },
              { name: 'orders', type: 'BIGINT' },
            ],
            primaryKey: ['status'],
            select:
              'SELECT status, COUNT(*) AS orders FROM ta_orders GROUP BY status',
          },
        ];
      },
    });
    await publish('alice', v2);
    const running = (await stackState(upstreams, specA, repoA)).jobs;
    const refused = await portal.call('alice', 'POST', '/pipeline/deploy', {
      pipeline: id,
    });
    expect(refused).toMatchObject({
      status: 409,
      body: {
        error: {
          message: expect.stringMatching(
            /refused: the new plan cannot take the state of the savepoint: Cannot map checkpoint\/savepoint state for operator [0-9a-f]{32} to the new program, because the operator is not available in the new program\. The deployed spec was resumed from savepoint s3:\/\/\S+ as job [0-9a-f]{32}\. Deploy again accepting that this state starts empty to replace it anyway\./,
          ),
        },
      },
    });
    const afterRefusal = (await stackState(upstreams, specA, repoA)).jobs;
    expect(afterRefusal.map(j => j.digest)).toEqual(running.map(j => j.digest));

    const accepted = await portal.call('alice', 'POST', '/pipeline/deploy', {
      pipeline: id,
      acceptStateLoss: true,
    });
    expect(accepted).toMatchObject({ status: 200 });
    const job = accepted.body.record.steps.find(
      (s: any) => s.step === 'flink-job',
    );
    expect(job.changes[0].outcome).toBe('updated');

    const view = (
      await portal.call('alice', 'GET', `/pipeline/pipelines/${id}`)
    ).body;
    expect(view.history.map((h: any) => [h.operation, h.outcome])).toEqual(
      expect.arrayContaining([
        ['deploy', 'succeeded'],
        ['deploy', 'failed'],
        ['resume', 'succeeded'],
        ['stop', 'succeeded'],
      ]),
    );
    expect(view.savepoints.map((s: any) => s.reason)).toEqual(
      expect.arrayContaining(['stop', 'replace']),
    );

    const missingChoice = await portal.call(
      'alice',
      'POST',
      '/pipeline/decommission',
      {
        pipeline: id,
        dropTopics: true,
      },
    );
    expect(missingChoice).toMatchObject({ status: 400 });
    const decommissioned = await portal.call(
      'alice',
      'POST',
      '/pipeline/decommission',
      {
        pipeline: id,
        dropTopics: true,
        dropTables: true,
      },
    );
    expect(decommissioned).toMatchObject({ status: 200 });
    expect(
      await upstreams.get('kafkaConnect').client.getConfig(`${A}-mariadb`),
    ).toBeUndefined();
    expect(await gitHead(repoA)).toMatch(/^[0-9a-f]{40}$/);
  });
});

function specAOptions() {
  return {
    name: A,
    owner: TEAM_A,
    sourceTable,
    database,
    table: 'ta_orders',
    branch: branchA,
  };
}
