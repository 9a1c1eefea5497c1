import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import type {
  PipelineRestorePlan,
  PipelineRestorePointView,
} from '@internal/backstage-plugin-pipeline-common';
import { runInLakeSession } from '@internal/backstage-plugin-pipeline-node';
import {
  deleteGroups,
  tailTopic,
  testKafka,
} from '@internal/backstage-plugin-pipeline-node/testUtils';
import mysql from 'mysql2/promise';
import {
  startTenancyBackend,
  TenancyBackend,
} from './__testUtils__/tenancyBackend';
import {
  cdcSpec,
  eventually,
  stackConfig,
  stackDir,
  upstreamsOf,
} from './__testUtils__/tenancyStack';

// A restore point and two restores of a small CDC pipeline of its own (MariaDB → Debezium →
// Kafka → Flink → Paimon, read by Trino through Nessie), through the real portal backend (the
// registry, the data-platform policy in the permission backend, the catalog's group
// memberships) against the real stack. Rows are inserted, a restore point is made, more rows
// are inserted, updated and deleted, then the pipeline is restored: held first, so the tables
// can be compared with the restore point before anything replays (through Trino and through
// Paimon), then resumed, and the table catches up with the source — same rows, same checksum,
// no duplicates. A second, unheld restore resumes by itself and catches up too.
jest.setTimeout(1_500_000);

const run = Date.now().toString(36);
const P = `rp-${run}`;
const id = `default/${P}`;
const sourceTable = `rp_${run}`;
const database = `rp_${run}`;
const key = `${database}.orders`;
const branch = `rp-${run}/daily`;
const TEAM_A = 'group:default/team-a';

const base = stackConfig('group:default/platform-ops') as any;
const config = {
  ...base,
  dataPlatform: {
    ...base.dataPlatform,
    upstreams: {
      ...base.dataPlatform.upstreams,
      trino: [
        {
          name: 'local',
          url: process.env.TRINO_URL ?? 'http://127.0.0.1:8085',
          user: 'portal-tests',
          catalog: 'lakehouse',
        },
      ],
    },
  },
};
const upstreams = upstreamsOf(config);
const spec = cdcSpec({
  name: P,
  owner: TEAM_A,
  sourceTable,
  database,
  table: 'orders',
  branch,
});
const connector = spec.sources[0].connector.name;
const topic = spec.topics[0].name;

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

let portal: TenancyBackend;
let db: mysql.Connection;

/** Rows as one canonical line each, sorted by id: what count and checksum are computed over. */
const canonical = (rows: unknown[][]) =>
  rows
    .map(([rowId, customer, status, amount, currency]) => ({
      id: Number(rowId),
      line: `${Number(rowId)}|${Number(customer)}|${status}|${Number(
        amount,
      ).toFixed(2)}|${currency}`,
    }))
    .sort((a, b) => a.id - b.id);

interface TableState {
  count: number;
  distinctIds: number;
  checksum: string;
  lines: string[];
}
function stateOf(rows: unknown[][]): TableState {
  const lines = canonical(rows);
  return {
    count: lines.length,
    distinctIds: new Set(lines.map(l => l.id)).size,
    checksum: createHash('sha256')
      .update(lines.map(l => l.line).join('\n'))
      .digest('hex'),
    lines: lines.map(l => l.line),
  };
}

const COLUMNS = 'id, customer_id, status, amount, currency';
async function sourceState(): Promise<TableState> {
  const [rows] = await db.query({
    sql: `SELECT ${COLUMNS} FROM ${sourceTable}`,
    rowsAsArray: true,
  });
  return stateOf(rows as unknown[][]);
}
async function trinoState(): Promise<TableState> {
  const result = await upstreams
    .get('trino')
    .client.query(`SELECT ${COLUMNS} FROM lakehouse.${key}`, {
      maxRows: 1000,
    });
  return stateOf(result.rows);
}
/** The Paimon table at its latest snapshot, and that snapshot (read in one gateway session). */
async function paimonState(): Promise<TableState & { snapshot: number }> {
  const [, snapshot, rows, after] = await runInLakeSession(
    upstreams.get('flink'),
    [
      "SET 'execution.runtime-mode' = 'batch'",
      `SELECT max(snapshot_id) FROM lake.${database}.\`orders$snapshots\``,
      `SELECT ${COLUMNS} FROM lake.${key}`,
      `SELECT max(snapshot_id) FROM lake.${database}.\`orders$snapshots\``,
    ],
  );
  const before = Number(snapshot.rows[0][0]);
  if (before !== Number(after.rows[0][0]))
    throw new Error('the table moved while it was read; read again');
  return { ...stateOf(rows.rows), snapshot: before };
}

/** Waits until Trino and Paimon both hold exactly the source's rows. */
async function caughtUp(what: string): Promise<TableState> {
  return eventually(
    `${what}: Trino and Paimon equal the source`,
    300_000,
    async () => {
      const source = await sourceState();
      const [trino, paimon] = await Promise.all([trinoState(), paimonState()]);
      return trino.checksum === source.checksum &&
        paimon.checksum === source.checksum
        ? source
        : undefined;
    },
  );
}

const liveJobs = async () =>
  (await upstreams.get('flink').rest.listJobs()).filter(
    j => j.name === P && j.state === 'RUNNING',
  );

describe('restore points of a CDC pipeline', () => {
  let atPoint: TableState;
  let point: PipelineRestorePointView;
  let beforeRestore: TableState;

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
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES
        (1, 7, 'NEW', 10.50, 'EUR'), (2, 8, 'PAID', 20.00, 'EUR'), (3, 9, 'NEW', 5.25, 'USD'),
        (4, 7, 'PAID', 99.99, 'EUR'), (5, 6, 'NEW', 1.00, 'GBP')`,
    );
    portal = await startTenancyBackend({
      config,
      entities: [
        group('team-a'),
        group('team-b'),
        group('platform-ops'),
        user('alice', 'team-a'),
        user('bob', 'team-b'),
        // The pipeline's Component: its Versions tab reads the tables the registry gives it.
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            name: P,
            annotations: { 'dataplatform.io/nessie-branch': branch },
          },
          spec: { type: 'flink-job', lifecycle: 'experimental', owner: TEAM_A },
        },
      ],
    });
    await eventually('the catalog has bob with his group', 60_000, async () => {
      const res = await portal.call(
        'service:restore-test',
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
    await quiet(
      portal.call('alice', 'POST', '/pipeline/decommission', {
        pipeline: id,
        dropTopics: true,
        dropTables: true,
      }),
    );
    const flink = upstreams.get('flink');
    for (const job of await flink.rest.listJobs().catch(() => []))
      if (job.name === P && job.state === 'RUNNING')
        await quiet(flink.rest.cancel(job.jid));
    await quiet(upstreams.get('kafkaConnect').client.delete(connector));
    const kafka = upstreams.get('kafka').client;
    for (const t of [topic, `_schema-history.${connector}`])
      await quiet(kafka.deleteTopic(t));
    await quiet(deleteGroups(testKafka(), [`flink-${P}-orders`]));
    await quiet(
      runInLakeSession(flink, [
        `DROP TABLE IF EXISTS lake.${key}`,
        `DROP DATABASE IF EXISTS lake.${database}`,
      ]),
    );
    const nessie = upstreams.get('nessie').client;
    // Dropped tables keep their keys on main (the callback records commits, not drops).
    await quiet(
      (async () => {
        const { hash, contents } = await nessie.getContents('main', [
          key,
          database,
        ]);
        if (contents.size)
          await nessie.commit('main', hash, {
            message: `restore test cleanup: ${[...contents.keys()].join(', ')}`,
            operations: [...contents.keys()].map(k => ({
              type: 'DELETE' as const,
              key: { elements: k.split('.') },
            })),
          });
      })(),
    );
    for (const ref of await nessie.listReferences().catch(() => []))
      if (ref.name.startsWith(`rp-${run}/`))
        await quiet(nessie.deleteReference(ref.name, ref.hash));
    await quiet(db?.query(`DROP TABLE IF EXISTS ${sourceTable}`));
    await quiet(db?.end());
  });

  it("deploys team A's pipeline: the table holds the source's rows", async () => {
    const res = await portal.call('alice', 'POST', '/pipeline/deploy', {
      spec,
    });
    expect(res).toMatchObject({ status: 200 });
    const state = await caughtUp('after the deploy');
    expect(state.count).toBe(5);
  });

  it('refuses a user of another team a restore point', async () => {
    const res = await portal.call('bob', 'POST', '/pipeline/restore-points', {
      pipeline: id,
    });
    expect(res).toMatchObject({ status: 403 });
    expect(res.body.error.message).toBe(
      `user:default/bob may not create a restore point of pipeline ${id}: its owner in the pipeline registry is ${TEAM_A}, and you are neither a member of it nor a platform operator`,
    );
  });

  it('creates a restore point binding a savepoint, Paimon tags, a Nessie tag and the connector offsets', async () => {
    atPoint = await caughtUp('before the restore point');
    const [jobBefore] = await liveJobs();
    const res = await portal.call('alice', 'POST', '/pipeline/restore-points', {
      pipeline: id,
    });
    expect(res).toMatchObject({ status: 200 });
    point = res.body.restorePoint;
    expect(point).toMatchObject({
      name: expect.stringMatching(
        new RegExp(`^rp-${run}/restore-\\d{8}-\\d{6}$`),
      ),
      createdBy: 'user:default/alice',
      savepoint: {
        jobId: jobBefore.jid,
        location: expect.stringMatching(/^s3:\/\/flink\/savepoints\//),
      },
      tables: [
        {
          table: key,
          snapshotId: expect.any(Number),
          paimonTag: point.name.replace('/', '-'),
        },
      ],
      connectors: [
        {
          name: connector,
          offsets: [
            expect.objectContaining({
              partition: { server: `${P}-my` },
              offset: expect.objectContaining({ file: expect.any(String) }),
            }),
          ],
        },
      ],
    });
    const snapshotId = point.tables[0].snapshotId;
    // Nessie: the tag is on the main commit that records exactly that snapshot.
    const nessie = upstreams.get('nessie').client;
    expect((await nessie.getReference(point.name)).hash).toBe(
      point.nessie.hash,
    );
    const atTag = await nessie.getContents(point.name, [key]);
    expect(atTag.contents.get(key)?.snapshotId).toBe(snapshotId);
    // Paimon: the tag pins the same snapshot.
    const [, tags] = await runInLakeSession(upstreams.get('flink'), [
      "SET 'execution.runtime-mode' = 'batch'",
      `SELECT tag_name, snapshot_id FROM lake.${database}.\`orders$tags\``,
    ]);
    expect(tags.rows.map(r => [String(r[0]), Number(r[1])])).toEqual([
      [point.tables[0].paimonTag, snapshotId],
    ]);
    // Trino reads that snapshot as the table was: the source's rows at the restore point.
    const atSnapshot = await upstreams
      .get('trino')
      .client.query(
        `SELECT ${COLUMNS} FROM lakehouse.${key} FOR VERSION AS OF CAST(${snapshotId} AS BIGINT)`,
        { maxRows: 1000 },
      );
    expect(stateOf(atSnapshot.rows).checksum).toBe(atPoint.checksum);
    // The job was stopped with that savepoint and runs again, resumed from it.
    const [jobAfter] = await liveJobs();
    expect(jobAfter.jid).not.toBe(jobBefore.jid);
    expect(
      res.body.record.steps.find((s: any) => s.step === 'flink-job').changes[0]
        .detail,
    ).toContain(`resumed from ${point.savepoint.location}`);
  });

  it('moves on: inserts, updates and deletes at the source reach the table', async () => {
    await db.query(
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES
        (6, 5, 'NEW', 12.00, 'EUR'), (7, 5, 'NEW', 13.00, 'EUR'), (8, 4, 'PAID', 14.50, 'USD')`,
    );
    await db.query(
      `UPDATE ${sourceTable} SET status = 'REFUNDED', amount = 0.00 WHERE id = 2`,
    );
    await db.query(`DELETE FROM ${sourceTable} WHERE id = 3`);
    beforeRestore = await caughtUp('after the changes');
    expect(beforeRestore.count).toBe(7);
    expect(beforeRestore.checksum).not.toBe(atPoint.checksum);
  });

  it('shows the owner what a restore will change, and refuses the other team', async () => {
    const url = `/pipeline/pipelines/${id}/restore-points/${point.id}/plan`;
    const res = await portal.call('alice', 'GET', url);
    expect(res).toMatchObject({ status: 200 });
    const plan: PipelineRestorePlan = res.body;
    const [job] = await liveJobs();
    expect(plan).toMatchObject({
      problems: [],
      confirm: point.name,
      job: {
        name: P,
        liveJobId: job.jid,
        state: 'RUNNING',
        resumeFrom: point.savepoint.location,
      },
      tables: [
        {
          table: key,
          snapshotId: point.tables[0].snapshotId,
          restorable: true,
        },
      ],
      connectors: [
        {
          name: connector,
          state: 'RUNNING',
          target: point.connectors[0].offsets,
        },
      ],
    });
    expect(plan.tables[0].currentSnapshotId).toBeGreaterThan(
      point.tables[0].snapshotId,
    );
    // What Connect has committed now (it flushes offsets periodically, so it may still be the
    // recorded position: a restore point's offsets are at or behind the source, never ahead).
    expect(plan.connectors[0].current).toEqual([
      expect.objectContaining({ partition: { server: `${P}-my` } }),
    ]);

    expect(await portal.call('bob', 'GET', url)).toMatchObject({ status: 403 });
    const bob = await portal.call('bob', 'POST', '/pipeline/restore', {
      pipeline: id,
      restorePoint: point.id,
      confirm: point.name,
    });
    expect(bob).toMatchObject({ status: 403 });
    expect(bob.body.error.message).toContain(
      `user:default/bob may not restore pipeline ${id}`,
    );
    // Refused and unconfirmed attempts changed nothing.
    const unconfirmed = await portal.call(
      'alice',
      'POST',
      '/pipeline/restore',
      {
        pipeline: id,
        restorePoint: point.id,
        confirm: 'yes',
      },
    );
    expect(unconfirmed).toMatchObject({ status: 400 });
    expect((await liveJobs())[0].jid).toBe(job.jid);
    expect((await trinoState()).checksum).toBe(beforeRestore.checksum);
  });

  it('restores and holds: right after, the table equals its state at the restore point, through Trino and through Paimon', async () => {
    const res = await portal.call('alice', 'POST', '/pipeline/restore', {
      pipeline: id,
      restorePoint: point.id,
      confirm: point.name,
      hold: true,
    });
    expect(res).toMatchObject({ status: 200 });
    expect(res.body.record.message).toContain(
      `restored to ${point.name} and held`,
    );
    // Nothing runs: the job is stopped and the connector too, at the recorded offsets.
    expect(await liveJobs()).toEqual([]);
    const connect = upstreams.get('kafkaConnect').client;
    expect((await connect.getStatus(connector)).connector.state).toBe(
      'STOPPED',
    );
    expect(await connect.getOffsets(connector)).toEqual(
      point.connectors[0].offsets,
    );
    // Through Trino (Nessie's main) and through Paimon: the restore point's rows exactly.
    const trino = await trinoState();
    const paimon = await paimonState();
    expect(trino.lines).toEqual(atPoint.lines);
    expect(paimon.lines).toEqual(atPoint.lines);
    // main's newest commit of the table is the restore's (its commit user names the tag), at
    // the snapshot Paimon now has: what Trino just read.
    const log = await upstreams
      .get('nessie')
      .client.keyLog('main', [key], { maxRecords: 1 });
    expect(log.entries[0].commit.properties?.['paimon.commit-user']).toMatch(
      new RegExp(`^portal-restore-${point.tables[0].paimonTag}_`),
    );
    expect(
      log.entries[0].operations.find(o => o.key.elements.join('.') === key)
        ?.content?.snapshotId,
    ).toBe(paimon.snapshot);
    expect(paimon.snapshot).toBeGreaterThan(point.tables[0].snapshotId);
  });

  it('resumes from the restore point and catches up with the source, without loss or duplicates', async () => {
    const view = (
      await portal.call('alice', 'GET', `/pipeline/pipelines/${id}`)
    ).body;
    const savepoint = view.savepoints.find(
      (s: any) => s.location === point.savepoint.location,
    );
    expect(savepoint).toMatchObject({ reason: 'restore-point' });
    expect(view.savepoints).toContainEqual(
      expect.objectContaining({ reason: 'restore' }),
    );
    const tail = await tailTopic(testKafka(), topic, `rp-test-${run}`);
    try {
      const res = await portal.call('alice', 'POST', '/pipeline/resume', {
        pipeline: id,
        savepointId: savepoint.id,
      });
      expect(res).toMatchObject({ status: 200 });
      expect(res.body.record.steps[0]).toMatchObject({
        step: 'connectors',
        changes: [{ target: connector, outcome: 'updated', detail: 'resumed' }],
      });
      // Changes while the pipeline catches up are not lost either.
      await db.query(
        `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES (9, 3, 'NEW', 7.00, 'EUR')`,
      );
      await db.query(`UPDATE ${sourceTable} SET status = 'PAID' WHERE id = 1`);
      const state = await caughtUp('after resuming from the restore point');
      expect(state.count).toBe(8);
      const trino = await trinoState();
      expect(trino.distinctIds).toBe(trino.count);
      // The connector read the source again from the recorded offsets: the insert of row 6,
      // made after the restore point, is in the topic twice (once live, once replayed).
      const inserts6 = await tail.waitFor(
        'the insert of row 6 replayed by the connector',
        60_000,
        messages =>
          messages.filter(m => {
            const v = m.value?.payload ?? m.value;
            return v?.op === 'c' && Number(v?.after?.id) === 6;
          }).length >= 2,
      );
      expect(inserts6.length).toBeGreaterThan(0);
    } finally {
      await tail.stop();
      await deleteGroups(testKafka(), [`rp-test-${run}`]);
    }
  });

  it('a restore without hold resumes by itself and catches up again', async () => {
    await db.query(`DELETE FROM ${sourceTable} WHERE id IN (4, 5)`);
    await db.query(
      `INSERT INTO ${sourceTable} (id, customer_id, status, amount, currency) VALUES (10, 2, 'NEW', 3.30, 'USD')`,
    );
    await caughtUp('before the second restore');
    const res = await portal.call('alice', 'POST', '/pipeline/restore', {
      pipeline: id,
      restorePoint: point.id,
      confirm: point.name,
    });
    expect(res).toMatchObject({ status: 200 });
    const steps = res.body.record.steps;
    // The restore checked Trino itself before replaying: the restore point's row count.
    expect(steps.find((s: any) => s.step === 'paimon-tables').changes).toEqual([
      {
        target: key,
        outcome: 'updated',
        detail: expect.stringMatching(
          new RegExp(
            `^restored from tag ${point.tables[0].paimonTag} \\(snapshot ${point.tables[0].snapshotId}, ${atPoint.count} rows\\) as snapshot \\d+, Nessie main commit [0-9a-f]{64}; Trino reads ${atPoint.count} rows$`,
          ),
        ),
      },
    ]);
    expect(steps.at(-1)).toMatchObject({
      step: 'flink-job',
      changes: [
        expect.objectContaining({
          detail: expect.stringContaining(
            `resumed from ${point.savepoint.location}`,
          ),
        }),
      ],
    });
    const state = await caughtUp('after the second restore');
    expect(state.count).toBe(7);
    const trino = await trinoState();
    expect(trino.distinctIds).toBe(trino.count);
    const view = (
      await portal.call('alice', 'GET', `/pipeline/pipelines/${id}`)
    ).body;
    expect(
      view.history
        .filter((h: any) => h.operation === 'restore')
        .map((h: any) => h.outcome),
    ).toEqual(['succeeded', 'succeeded']);
    expect(view.restorePoints[0]).toMatchObject({
      id: point.id,
      lastRestoredBy: 'user:default/alice',
    });
  });

  it("shows on the pipeline's Versions tab: its table's commits on main with the restores marked, and the restore point as a tag", async () => {
    const entityRef = `component:default/${P}`;
    const commits = await portal.call(
      'alice',
      'GET',
      `/nessie/table-commits?${new URLSearchParams({
        entityRef,
        limit: '50',
      })}`,
    );
    expect(commits).toMatchObject({ status: 200 });
    expect(commits.body.tables).toEqual({
      tables: [key],
      source: 'registry',
      pipeline: id,
    });
    const restores = commits.body.entries.filter(
      (e: any) => e.kind === 'restore',
    );
    // Two restores, each an OVERWRITE and its compaction under the restore's commit user.
    expect(restores.length).toBeGreaterThanOrEqual(2);
    expect(restores[0]).toMatchObject({
      restorePoint: point.tables[0].paimonTag,
      changes: [{ table: key, snapshotId: expect.any(Number) }],
    });
    expect(
      commits.body.entries.filter((e: any) => e.kind === 'paimon-snapshot')
        .length,
    ).toBeGreaterThan(2);
    const releases = await portal.call(
      'alice',
      'GET',
      `/nessie/releases?${new URLSearchParams({ entityRef })}`,
    );
    expect(releases.body.releases).toEqual([
      expect.objectContaining({
        name: point.name,
        kind: 'restore-point',
        hash: point.nessie.hash,
        tables: [
          {
            table: key,
            snapshotId: point.tables[0].snapshotId,
            trinoQuery: `SELECT * FROM lakehouse.${key} FOR VERSION AS OF CAST(${point.tables[0].snapshotId} AS BIGINT)`,
          },
        ],
      }),
    ]);
  });
});
