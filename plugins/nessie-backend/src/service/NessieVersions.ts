import { ConflictError, InputError } from '@backstage/errors';
import {
  CoalescingCache,
  ConflictError as UpstreamConflictError,
  NessieCommit,
  NessieDiffEntry,
  NessieInstance,
  NessieReference,
  toHttpError,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import type {
  CommitLogResponse,
  CommitView,
  DiffEntryView,
  DiffResponse,
  ReferencesResponse,
  ReferenceView,
} from '@internal/backstage-plugin-pipeline-common';
import { ownsReference, requireBranch, VersionScope } from './entityScope';

/** Every Nessie call gives up within 4 s, so a page says "Nessie is down" within 5 s. */
export const NESSIE_TIMEOUT_MS = 4000;
const call = { timeoutMs: NESSIE_TIMEOUT_MS };
/** How far back a rollback target is looked for (pages of 100 commits). */
const ROLLBACK_SEARCH_PAGES = 5;

const short = (hash: string) => hash.slice(0, 12);

const toCommit = (c: NessieCommit): CommitView => ({
  hash: c.hash,
  message: c.message,
  author: c.authors?.[0] ?? c.committer,
  authorTime: c.authorTime,
  commitTime: c.commitTime,
  parentHash: c.parentCommitHashes?.[0],
});

function referenceScope(
  scope: VersionScope,
  branch: string,
  name: string,
): ReferenceView['scope'] {
  if (name === branch) return 'entity-branch';
  return ownsReference(scope, name) ? 'prefix' : 'other';
}

function changeOf(d: NessieDiffEntry): DiffEntryView['change'] {
  if (!d.from) return 'added';
  return d.to ? 'modified' : 'removed';
}

/** Reads and changes the Nessie references an entity's annotations name. */
export class NessieVersions {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly cache = new CoalescingCache({ ttlMs: 5000 }),
  ) {}

  instance(scope: VersionScope): NessieInstance {
    try {
      return this.registry.get('nessie', scope.instance);
    } catch (e) {
      throw toHttpError(e);
    }
  }

  async listReferences(scope: VersionScope): Promise<NessieReference[]> {
    const nessie = this.instance(scope);
    return this.cache.get(`${nessie.name}:refs`, () =>
      nessie.client.listReferences(call),
    );
  }

  async references(scope: VersionScope): Promise<ReferencesResponse> {
    const branch = requireBranch(scope);
    const nessie = this.instance(scope);
    const refs = await this.listReferences(scope).catch(e => {
      throw toHttpError(e);
    });
    const rank = { 'entity-branch': 0, prefix: 1, other: 2 };
    const references: ReferenceView[] = refs
      .map(r => ({
        type: r.type,
        name: r.name,
        hash: r.hash,
        scope: referenceScope(scope, branch, r.name),
      }))
      .sort(
        (a, b) => rank[a.scope] - rank[b.scope] || a.name.localeCompare(b.name),
      );
    return {
      entityRef: scope.entityRef,
      instance: nessie.name,
      branch,
      prefix: scope.prefix!,
      branchHead: refs.find(r => r.name === branch && r.type === 'BRANCH')
        ?.hash,
      references,
      nessieUiUrl: nessie.uiUrl,
    };
  }

  async commitLog(
    scope: VersionScope,
    ref: string,
    limit: number,
    pageToken?: string,
  ): Promise<CommitLogResponse> {
    const nessie = this.instance(scope);
    const key = `${nessie.name}:log:${ref}:${limit}:${pageToken ?? ''}`;
    try {
      const page = await this.cache.get(key, () =>
        nessie.client.commitLog(ref, { maxRecords: limit, pageToken }, call),
      );
      return {
        ref,
        entries: page.entries.map(toCommit),
        nextPageToken: page.nextPageToken,
      };
    } catch (e) {
      throw toHttpError(e);
    }
  }

  async diff(
    scope: VersionScope,
    from: string,
    to: string,
  ): Promise<DiffResponse> {
    const nessie = this.instance(scope);
    try {
      const diffs = await this.cache.get(
        `${nessie.name}:diff:${from}:${to}`,
        () => nessie.client.diff(from, to, { ...call, maxPages: 10 }),
      );
      return {
        from,
        to,
        entries: diffs.map(d => ({
          key: d.key.elements.join('.'),
          change: changeOf(d),
          fromType: d.from?.type,
          toType: d.to?.type,
        })),
      };
    } catch (e) {
      throw toHttpError(e);
    }
  }

  async create(
    scope: VersionScope,
    type: 'BRANCH' | 'TAG',
    name: string,
    from: { ref: string; hash?: string },
  ): Promise<NessieReference> {
    const nessie = this.instance(scope);
    try {
      // The source's own type: Nessie wants a tag named as a tag when a hash on it is given.
      const source = await nessie.client.getReference(from.ref, call);
      const start = {
        name: source.name,
        type: source.type,
        hash: from.hash ?? source.hash,
      };
      const created =
        type === 'BRANCH'
          ? await nessie.client.createBranch(name, start, call)
          : await nessie.client.createTag(name, start, call);
      this.cache.invalidate(`${nessie.name}:`);
      return created;
    } catch (e) {
      throw toHttpError(e);
    }
  }

  /**
   * Points `branch` back at `targetHash`, an earlier commit of its own history, guarded by
   * `expectedHash`: when someone moved the branch meanwhile, Nessie refuses and so do we (409).
   */
  async rollback(
    scope: VersionScope,
    branch: string,
    expectedHash: string,
    targetHash: string,
  ): Promise<NessieReference> {
    const nessie = this.instance(scope);
    if (expectedHash === targetHash) {
      throw new InputError(
        `branch ${branch} is already at ${short(targetHash)}`,
      );
    }
    try {
      if (!(await this.inHistory(nessie, branch, targetHash))) {
        throw new InputError(
          `${short(targetHash)} is not an earlier commit of branch ${branch}`,
        );
      }
      const moved = await nessie.client.assignBranch(
        branch,
        expectedHash,
        targetHash,
        call,
      );
      this.cache.invalidate(`${nessie.name}:`);
      return moved;
    } catch (e) {
      if (e instanceof UpstreamConflictError) {
        throw new ConflictError(
          `branch ${branch} is no longer at ${short(
            expectedHash,
          )}: someone changed it meanwhile. Reload the commit log and pick the target again.`,
        );
      }
      throw toHttpError(e);
    }
  }

  private async inHistory(
    nessie: NessieInstance,
    branch: string,
    hash: string,
  ) {
    let pageToken: string | undefined;
    for (let page = 0; page < ROLLBACK_SEARCH_PAGES; page++) {
      const log = await nessie.client.commitLog(
        branch,
        { maxRecords: 100, pageToken },
        call,
      );
      // The parent of the oldest commit counts too: it is where the branch started.
      if (
        log.entries.some(
          c => c.hash === hash || c.parentCommitHashes?.includes(hash),
        )
      )
        return true;
      if (!log.nextPageToken) return false;
      pageToken = log.nextPageToken;
    }
    return false;
  }
}
