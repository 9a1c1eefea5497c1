import type { Entity } from '@backstage/catalog-model';
import {
  NessieClient,
  runInLakeSession,
  TrinoClient,
} from '@internal/backstage-plugin-pipeline-node';
import { startApp } from './__testUtils__/testApp';
import { endpoints, requireStack, stackRegistry } from './__testUtils__/stack';

// The Versions tab's table routes against the real Nessie, with a Paimon table of the test's
// own whose commits the commit callback records on main (as every Trino-readable table's are):
// the log lists its snapshots, a release tag shows the state it pins with a Trino query that
// reads exactly that state back, and the diff between the tag and main names the table.
jest.setTimeout(300_000);

const run = Date.now().toString(36);
const database = `vt_${run}`;
const key = `${database}.t`;
const prefix = `vt-${run}`;
const release = `${prefix}/daily-20261203`;
const nessie = new NessieClient({ baseUrl: endpoints.nessie });
const trino = new TrinoClient({
  baseUrl: process.env.TRINO_URL ?? 'http://127.0.0.1:8085',
  user: 'portal-tests',
});
const registry = stackRegistry();
const BATCH = [
  "SET 'execution.runtime-mode' = 'batch'",
  "SET 'table.dml-sync' = 'true'",
];
const CALLBACK = 'io.dataplatform.paimon.nessie.NessieCommitCallback';

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: key,
      namespace: 'default',
      annotations: {
        'dataplatform.io/paimon-table': key,
        'dataplatform.io/nessie-branch': `${prefix}/daily`,
      },
    },
    spec: { type: 'paimon-table', owner: 'data-platform-team' },
  },
  {
    // A pipeline's Component whose annotation names another table: the registry's claim wins.
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: `vt-${run}`,
      namespace: 'default',
      annotations: {
        'dataplatform.io/paimon-table': 'commerce.finance_fact',
        'dataplatform.io/nessie-branch': `${prefix}/daily`,
      },
    },
    spec: { type: 'flink-job', owner: 'data-platform-team' },
  },
];
const q = (entityRef: string, params: Record<string, string> = {}) =>
  `?${new URLSearchParams({ entityRef, ...params })}`;
const insert = (values: string) =>
  runInLakeSession(registry.get('flink'), [
    ...BATCH,
    `INSERT INTO lake.${key} VALUES ${values}`,
  ]);
const trinoRows = async (sql: string) =>
  (await trino.query(sql, { maxRows: 100 })).rows.map(r => Number(r[0]));

describe('table history against the real Nessie', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let tagged: number;

  beforeAll(async () => {
    await requireStack();
    app = await startApp({
      registry,
      entities,
      pipelineTables: {
        tablesOf: async ref =>
          ref === `component:default/vt-${run}`
            ? { pipeline: `default/vt-${run}`, tables: [key] }
            : undefined,
      },
    });
    await runInLakeSession(registry.get('flink'), [
      ...BATCH,
      `CREATE DATABASE lake.${database}`,
      `CREATE TABLE lake.${key} (id INT, PRIMARY KEY (id) NOT ENFORCED) WITH (
        'bucket' = '1', 'metadata.iceberg.storage' = 'table-location',
        'full-compaction.delta-commits' = '1', 'commit.callbacks' = '${CALLBACK}',
        'commit.callback.${CALLBACK}.param' = 'uri=${endpoints.nessie}/api/v2;ref=main;pipeline=vt-${run}')`,
    ]);
    await insert('(1), (2)');
    // The release: a Nessie tag on main's commit and the Paimon tag at the snapshot it records.
    const at = await nessie.getContents('main', [key]);
    tagged = at.contents.get(key)!.snapshotId!;
    await nessie.createTag(release, {
      name: 'main',
      type: 'BRANCH',
      hash: at.hash,
    });
    await runInLakeSession(registry.get('flink'), [
      `CALL lake.sys.create_tag('${key}', '${release.replace(
        '/',
        '-',
      )}', ${tagged})`,
    ]);
    await insert('(3)');
  });

  afterAll(async () => {
    await app?.close();
    const quiet = (p: Promise<unknown>) => p.catch(() => undefined);
    await quiet(
      runInLakeSession(registry.get('flink'), [
        `DROP TABLE IF EXISTS lake.${key}`,
        `DROP DATABASE IF EXISTS lake.${database}`,
      ]),
    );
    await quiet(
      (async () => {
        const { hash, contents } = await nessie.getContents('main', [
          key,
          database,
        ]);
        if (contents.size)
          await nessie.commit('main', hash, {
            message: `table history test cleanup ${database}`,
            operations: [...contents.keys()].map(k => ({
              type: 'DELETE' as const,
              key: { elements: k.split('.') },
            })),
          });
      })(),
    );
    const tag = await nessie.getReference(release).catch(() => undefined);
    if (tag) await quiet(nessie.deleteReference(release, tag.hash));
  });

  it("lists main's commits of the table: one per Paimon snapshot, newest first", async () => {
    const { status, body } = await app.call(
      'GET',
      `/table-commits${q(`resource:default/${key}`, { limit: '50' })}`,
    );
    expect(status).toBe(200);
    expect(body.tables).toEqual({ tables: [key], source: 'annotation' });
    const [, snapshots] = await runInLakeSession(registry.get('flink'), [
      "SET 'execution.runtime-mode' = 'batch'",
      `SELECT snapshot_id, commit_kind FROM lake.${database}.\`t$snapshots\` ORDER BY snapshot_id DESC`,
    ]);
    const recorded = body.entries.filter(
      (e: any) => e.kind === 'paimon-snapshot',
    );
    expect(
      recorded.map((e: any) => [e.changes[0].snapshotId, e.commitKind]),
    ).toEqual(snapshots.rows.map(r => [Number(r[0]), String(r[1])]));
    expect(recorded[0]).toMatchObject({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      author: `vt-${run}`,
      changes: [{ table: key, snapshotId: expect.any(Number) }],
      time: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
  });

  it("takes a pipeline Component's tables from the registry, not from its annotation", async () => {
    const { body } = await app.call(
      'GET',
      `/table-commits${q(`component:default/vt-${run}`, { limit: '1' })}`,
    );
    expect(body.tables).toEqual({
      tables: [key],
      source: 'registry',
      pipeline: `default/vt-${run}`,
    });
    expect(body.entries[0].changes[0].table).toBe(key);
  });

  it('shows the release tag with the state it pins, and its Trino query reads that state back', async () => {
    const { status, body } = await app.call(
      'GET',
      `/releases${q(`resource:default/${key}`)}`,
    );
    expect(status).toBe(200);
    expect(body.releases).toEqual([
      {
        name: release,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        kind: 'release',
        paimonTag: release.replace('/', '-'),
        tables: [
          {
            table: key,
            snapshotId: tagged,
            trinoQuery: `SELECT * FROM lakehouse.${key} FOR VERSION AS OF CAST(${tagged} AS BIGINT)`,
          },
        ],
      },
    ]);
    // main moved on (row 3), the tag did not.
    expect(
      (await trinoRows(body.releases[0].tables[0].trinoQuery)).sort(),
    ).toEqual([1, 2]);
    expect((await trinoRows(`SELECT id FROM lakehouse.${key}`)).sort()).toEqual(
      [1, 2, 3],
    );
  });

  it('diffs the release tag against main: the table changed, from the tagged snapshot to the newest', async () => {
    const main = await nessie.getContents('main', [key]);
    const { status, body } = await app.call(
      'GET',
      `/table-diff${q(`resource:default/${key}`, {
        from: release,
        to: 'main',
      })}`,
    );
    expect(status).toBe(200);
    expect(body.tables).toEqual([
      {
        table: key,
        change: 'modified',
        fromSnapshotId: tagged,
        toSnapshotId: main.contents.get(key)!.snapshotId,
      },
    ]);
    expect(body.otherKeys).toBeGreaterThanOrEqual(0);
  });
});
