import type { Entity } from '@backstage/catalog-model';
import { paimonTagFor } from '@internal/backstage-plugin-pipeline-common';
import {
  NessieClient,
  runInLakeSession,
} from '@internal/backstage-plugin-pipeline-node';
import { startApp } from './__testUtils__/testApp';
import { endpoints, requireStack, stackRegistry } from './__testUtils__/stack';

jest.setTimeout(120_000);

const run = `${Date.now()}`;
const branch = `nessie-it/branch-${run}`;
const tag = `nessie-it/tag-${run}`;
const database = `test_${run}`;
const nessie = new NessieClient({ baseUrl: endpoints.nessie });
const registry = stackRegistry();

const resource = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'paimon-table', owner: 'data-platform-team' },
});
const entities = [
  resource('it-branch', {
    'dataplatform.io/nessie-branch': branch,
    'dataplatform.io/paimon-table': `${database}.t`,
  }),
  resource('commerce.finance_fact', {
    'dataplatform.io/paimon-table': 'commerce.finance_fact',
    'dataplatform.io/nessie-branch': 'main',
  }),
  resource('commerce.not_deployed', {
    'dataplatform.io/paimon-table': `commerce.not_deployed_${run}`,
  }),
];
const itRef = 'resource:default/it-branch';
const q = (entityRef: string, params: Record<string, string> = {}) =>
  `?${new URLSearchParams({ entityRef, ...params })}`;

/** One commit on the branch (a namespace), so there is history to log, diff and roll back. */
async function commitNamespace(hash: string, ns: string): Promise<string> {
  const res = await fetch(
    `${endpoints.nessie}/api/v2/trees/${encodeURIComponent(
      branch,
    )}@${hash}/history/commit`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        commitMeta: {
          message: `nessie-backend it ${ns}`,
          author: 'nessie-backend-it',
        },
        operations: [
          {
            type: 'PUT',
            key: { elements: [ns] },
            content: { type: 'NAMESPACE', elements: [ns] },
          },
        ],
      }),
    },
  );
  if (!res.ok)
    throw new Error(`commit failed: ${res.status} ${await res.text()}`);
  return (await res.json()).targetBranch.hash;
}

describe('nessie router against the real Nessie and SQL Gateway', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let start: string;
  let h1: string;
  let h2: string;

  beforeAll(async () => {
    await requireStack();
    app = await startApp({ registry, entities });
    start = (await nessie.createBranch(branch, { name: 'main' })).hash;
    h1 = await commitNamespace(start, `nessie_it_a_${run}`);
    h2 = await commitNamespace(h1, `nessie_it_b_${run}`);
  });

  afterAll(async () => {
    await app?.close();
    for (const name of [tag, branch]) {
      const ref = await nessie.getReference(name).catch(() => undefined);
      if (ref)
        await nessie.deleteReference(name, ref.hash).catch(() => undefined);
    }
    await runInLakeSession(registry.get('flink'), [
      `DROP TABLE IF EXISTS lake.${database}.t`,
      `DROP DATABASE IF EXISTS lake.${database}`,
    ]).catch(() => undefined);
  });

  it('lists the references with the entity branch first, at its head', async () => {
    const { status, body } = await app.call('GET', `/references${q(itRef)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      branch,
      prefix: 'nessie-it/',
      branchHead: h2,
    });
    expect(body.references[0]).toEqual({
      type: 'BRANCH',
      name: branch,
      hash: h2,
      scope: 'entity-branch',
    });
    expect(body.references).toContainEqual(
      expect.objectContaining({ name: 'main', scope: 'other' }),
    );
  });

  it('pages through the commit log', async () => {
    const first = await app.call(
      'GET',
      `/log${q(itRef, { ref: branch, limit: '1' })}`,
    );
    expect(first.status).toBe(200);
    expect(first.body.entries).toEqual([
      expect.objectContaining({
        hash: h2,
        parentHash: h1,
        message: `nessie-backend it nessie_it_b_${run}`,
        author: 'nessie-backend-it',
      }),
    ]);
    expect(first.body.nextPageToken).toBeTruthy();
    const second = await app.call(
      'GET',
      `/log${q(itRef, {
        ref: branch,
        limit: '1',
        pageToken: first.body.nextPageToken,
      })}`,
    );
    expect(second.body.entries.map((e: any) => [e.hash, e.parentHash])).toEqual(
      [[h1, start]],
    );
  });

  it('diffs main against the branch', async () => {
    const { status, body } = await app.call(
      'GET',
      `/diff${q(itRef, { from: 'main', to: branch })}`,
    );
    expect(status).toBe(200);
    expect(body.entries).toEqual(
      expect.arrayContaining([
        { key: `nessie_it_a_${run}`, change: 'added', toType: 'NAMESPACE' },
        { key: `nessie_it_b_${run}`, change: 'added', toType: 'NAMESPACE' },
      ]),
    );
    // main moves on by itself (the live tables' commits): only the test's own keys are ours
    expect(
      body.entries.filter((e: { key: string }) =>
        e.key.startsWith('nessie_it_'),
      ),
    ).toHaveLength(2);
  });

  it('creates a tag at an earlier commit inside the prefix, and refuses one outside', async () => {
    const created = await app.call('POST', '/references', {
      entityRef: itRef,
      type: 'TAG',
      name: tag,
      from: { ref: branch, hash: h1 },
    });
    expect(created.status).toBe(201);
    expect(await nessie.getReference(tag)).toEqual({
      type: 'TAG',
      name: tag,
      hash: h1,
    });
    const outside = await app.call('POST', '/references', {
      entityRef: itRef,
      type: 'TAG',
      name: `other-it/tag-${run}`,
      from: { ref: branch },
    });
    expect(outside.status).toBe(400);
    await expect(nessie.getReference(`other-it/tag-${run}`)).rejects.toThrow(
      /not found/i,
    );
  });

  it('refuses a rollback with a stale expected hash (409), then moves the branch with the right one', async () => {
    const stale = await app.call('POST', '/rollback', {
      entityRef: itRef,
      branch,
      expectedHash: h1,
      targetHash: start,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(
      /is no longer at .*someone changed it meanwhile/,
    );
    expect((await nessie.getReference(branch)).hash).toBe(h2);

    const moved = await app.call('POST', '/rollback', {
      entityRef: itRef,
      branch,
      expectedHash: h2,
      targetHash: h1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.reference.hash).toBe(h1);
    expect((await nessie.getReference(branch)).hash).toBe(h1);
    const refs = await app.call('GET', `/references${q(itRef)}`);
    expect(refs.body.branchHead).toBe(h1);
  });

  it('reads the snapshots of commerce.finance_fact, newest first (the live pipeline writes it)', async () => {
    // On a stack that just started, the live job commits its second snapshot only after two
    // 30 s checkpoints: ask again (past the route's 15 s cache) until there are two.
    let { status, body } = await app.call(
      'GET',
      `/paimon${q('resource:default/commerce.finance_fact')}`,
    );
    for (
      let i = 0;
      i < 24 && status === 200 && (body.tables[0]?.snapshots?.length ?? 0) < 2;
      i++
    ) {
      await new Promise(r => setTimeout(r, 5000));
      ({ status, body } = await app.call(
        'GET',
        `/paimon${q('resource:default/commerce.finance_fact')}`,
      ));
    }
    expect(status).toBe(200);
    const [orders] = body.tables;
    expect(orders).toMatchObject({
      table: 'commerce.finance_fact',
      state: 'ok',
    });
    expect(orders.snapshots.length).toBeGreaterThan(1);
    expect(orders.snapshots[0].snapshotId).toBeGreaterThan(
      orders.snapshots[1].snapshotId,
    );
    expect(orders.snapshots[0].commitKind).toMatch(
      /^(APPEND|COMPACT|OVERWRITE)$/,
    );
  }, 180_000);

  it('says a table that is not deployed is missing, without failing', async () => {
    const { status, body } = await app.call(
      'GET',
      `/paimon${q('resource:default/commerce.not_deployed')}`,
    );
    expect(status).toBe(200);
    expect(body.tables).toEqual([
      expect.objectContaining({
        table: `commerce.not_deployed_${run}`,
        state: 'missing',
        snapshots: [],
        tags: [],
      }),
    ]);
  });

  it('links a Paimon tag to the Nessie tag of the same name', async () => {
    const paimonTag = paimonTagFor(tag);
    await runInLakeSession(registry.get('flink'), [
      "SET 'execution.runtime-mode' = 'batch'",
      "SET 'table.dml-sync' = 'true'",
      `CREATE DATABASE lake.${database}`,
      `CREATE TABLE lake.${database}.t (id INT, PRIMARY KEY (id) NOT ENFORCED) WITH ('bucket' = '1')`,
      `INSERT INTO lake.${database}.t VALUES (1), (2)`,
      `CALL lake.sys.create_tag(\`table\` => '${database}.t', tag => '${paimonTag}')`,
    ]);
    const { status, body } = await app.call('GET', `/paimon${q(itRef)}`);
    expect(status).toBe(200);
    const [t] = body.tables;
    expect(t.state).toBe('ok');
    expect(t.snapshots.map((s: any) => s.snapshotId)).toEqual([1]);
    expect(t.tags).toEqual([
      expect.objectContaining({
        name: paimonTag,
        snapshotId: 1,
        recordCount: 2,
        nessieRef: { type: 'TAG', name: tag, hash: h1 },
      }),
    ]);
  });
});
