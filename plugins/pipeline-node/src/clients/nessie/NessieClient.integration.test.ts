import { NessieClient } from './NessieClient';
import {
  AlreadyExistsError,
  ConflictError,
  NotFoundError,
} from '../../lib/errors';
import { endpoints, requireStack, runSuffix } from '../../__testUtils__/stack';

jest.setTimeout(30_000);

const run = runSuffix();
// "/" in the name on purpose: it must travel encoded as %2F and come back intact.
const branch = `pn-it/branch-${run}`;
const tag = `pn-it/tag-${run}`;
const nessie = new NessieClient({ baseUrl: endpoints.nessie });

/** Makes one commit on the branch (a namespace) so there is history to diff and roll back. */
async function commitNamespace(
  ref: string,
  hash: string,
  ns: string,
): Promise<string> {
  const res = await fetch(
    `${endpoints.nessie}/api/v2/trees/${encodeURIComponent(
      ref,
    )}@${hash}/history/commit`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        commitMeta: {
          message: `pipeline-node integration test ${run}`,
          author: 'pipeline-node-it',
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

describe('NessieClient against the local stack', () => {
  beforeAll(() => requireStack('nessie'));

  afterAll(async () => {
    for (const name of [tag, branch]) {
      const ref = await nessie.getReference(name).catch(() => undefined);
      if (ref)
        await nessie.deleteReference(name, ref.hash).catch(() => undefined);
    }
  });

  it('creates, lists, diffs, rolls back and deletes a branch', async () => {
    const main = await nessie.getReference('main');

    // From the hash just read: main moves on while the test runs.
    const created = await nessie.createBranch(branch, {
      name: 'main',
      hash: main.hash,
    });
    expect(created).toEqual({ type: 'BRANCH', name: branch, hash: main.hash });
    await expect(
      nessie.createBranch(branch, { name: 'main' }),
    ).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await nessie.listReferences()).toContainEqual({
      type: 'BRANCH',
      name: branch,
      hash: main.hash,
    });

    const head = await commitNamespace(branch, main.hash, `pn_it_${run}`);
    const log = await nessie.commitLog(branch, { maxRecords: 1 });
    expect(log.entries[0]).toMatchObject({
      hash: head,
      message: `pipeline-node integration test ${run}`,
    });
    // main keeps moving (the stack's pipelines commit every checkpoint): only this test's key.
    const ours = async () =>
      (await nessie.diff('main', branch))
        .map(d => d.key.elements)
        .filter(elements => elements[0] === `pn_it_${run}`);
    expect(await ours()).toEqual([[`pn_it_${run}`]]);

    expect(await nessie.createTag(tag, { name: branch, hash: head })).toEqual({
      type: 'TAG',
      name: tag,
      hash: head,
    });

    // rollback guarded by the expected head: a stale hash is refused
    await expect(
      nessie.assignBranch(branch, main.hash, main.hash),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await nessie.assignBranch(branch, head, main.hash)).hash).toBe(
      main.hash,
    );
    expect(await ours()).toEqual([]);

    await nessie.deleteReference(tag, head);
    await nessie.deleteReference(branch, main.hash);
    const names = (await nessie.listReferences()).map(r => r.name);
    expect(names).not.toContain(branch);
    expect(names).not.toContain(tag);
    await expect(nessie.getReference(branch)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
