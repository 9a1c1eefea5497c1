import {
  CoalescingCache,
  NessieLogEntry,
  toHttpError,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import {
  LAKEHOUSE_NESSIE_REF,
  restoredTagOfCommitUser,
  type ReleasesResponse,
  type ReleaseView,
  type TableCommitsResponse,
  type TableCommitView,
  type TableDiffResponse,
  type VersionTablesView,
} from '@internal/backstage-plugin-pipeline-common';
import { ownsReference, type VersionScope } from './entityScope';
import { NESSIE_TIMEOUT_MS, type NessieVersions } from './NessieVersions';

const call = { timeoutMs: NESSIE_TIMEOUT_MS };
/** How many of the prefix's tags the releases list resolves (newest names first). */
export const RELEASE_LIMIT = 20;

const keyOf = (elements: string[]) => elements.join('.');

function timeOf(entry: NessieLogEntry): string | undefined {
  const at = Number(entry.commit.properties?.['paimon.commit-time']);
  return Number.isFinite(at) && at > 0
    ? new Date(at).toISOString()
    : entry.commit.authorTime ?? entry.commit.commitTime;
}

/** One `main` commit as the Versions tab shows it, limited to the entity's tables. */
export function toTableCommit(
  entry: NessieLogEntry,
  tables: string[],
): TableCommitView {
  const props = entry.commit.properties ?? {};
  const restored = restoredTagOfCommitUser(props['paimon.commit-user']);
  let kind: TableCommitView['kind'] = 'other';
  if (restored) kind = 'restore';
  else if (props['paimon.snapshot-id']) kind = 'paimon-snapshot';
  return {
    hash: entry.commit.hash,
    kind,
    message: entry.commit.message,
    author: entry.commit.authors?.[0] ?? entry.commit.committer,
    time: timeOf(entry),
    commitKind: props['paimon.commit-kind'],
    changes: entry.operations
      .filter(op => tables.includes(keyOf(op.key.elements)))
      .map(op => ({
        table: keyOf(op.key.elements),
        snapshotId: op.type === 'DELETE' ? undefined : op.content?.snapshotId,
        ...(op.type === 'DELETE' ? { deleted: true } : {}),
      })),
    restorePoint: restored,
  };
}

/** A tag's kind, by the names the portal gives: restore points and the tag policy's releases. */
export function releaseKind(name: string): ReleaseView['kind'] {
  if (/\/restore-\d{8}-\d{6}$/.test(name)) return 'restore-point';
  return /-\d{8}$/.test(name) ? 'release' : 'tag';
}

/**
 * The history of an entity's tables on Nessie's `main`, where the commit callback records every
 * Paimon snapshot: the commits touching them (Nessie filters the log by key server side), the
 * tags under the entity's prefix with the table states each pins, and what changed for them
 * between two refs. The tables come from versionTables, never from the request.
 */
export class TableHistory {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly versions: NessieVersions,
    private readonly cache = new CoalescingCache({ ttlMs: 5000 }),
  ) {}

  private trinoCatalog(scope: VersionScope): string {
    try {
      return this.registry.get('trino', scope.instance).catalog;
    } catch {
      return 'lakehouse';
    }
  }

  async commits(
    scope: VersionScope,
    tables: VersionTablesView,
    limit: number,
    pageToken?: string,
  ): Promise<TableCommitsResponse> {
    const base = {
      entityRef: scope.entityRef,
      ref: LAKEHOUSE_NESSIE_REF,
      tables,
    };
    if (!tables.tables.length) return { ...base, entries: [] };
    const nessie = this.versions.instance(scope);
    try {
      const page = await this.cache.get(
        `${nessie.name}:keylog:${tables.tables.join(',')}:${limit}:${
          pageToken ?? ''
        }`,
        () =>
          nessie.client.keyLog(
            LAKEHOUSE_NESSIE_REF,
            tables.tables,
            { maxRecords: limit, pageToken },
            call,
          ),
      );
      return {
        ...base,
        entries: page.entries.map(e => toTableCommit(e, tables.tables)),
        nextPageToken: page.nextPageToken,
      };
    } catch (e) {
      throw toHttpError(e);
    }
  }

  async releases(
    scope: VersionScope,
    tables: VersionTablesView,
  ): Promise<ReleasesResponse> {
    const base = { entityRef: scope.entityRef, prefix: scope.prefix, tables };
    if (!scope.prefix) return { ...base, releases: [] };
    const nessie = this.versions.instance(scope);
    const catalog = this.trinoCatalog(scope);
    try {
      const tags = (await this.versions.listReferences(scope))
        .filter(r => r.type === 'TAG' && ownsReference(scope, r.name))
        .sort((a, b) => b.name.localeCompare(a.name))
        .slice(0, RELEASE_LIMIT);
      const releases = await Promise.all(
        tags.map(async (tag): Promise<ReleaseView> => {
          const at = tables.tables.length
            ? await this.cache.get(
                `${nessie.name}:contents:${tag.name}@${
                  tag.hash
                }:${tables.tables.join(',')}`,
                () => nessie.client.getContents(tag.name, tables.tables, call),
              )
            : undefined;
          return {
            name: tag.name,
            hash: tag.hash,
            kind: releaseKind(tag.name),
            paimonTag: tag.name.replace(/\//g, '-'),
            tables: tables.tables.map(table => {
              const snapshotId = at?.contents.get(table)?.snapshotId;
              return {
                table,
                snapshotId,
                trinoQuery:
                  snapshotId === undefined
                    ? undefined
                    : `SELECT * FROM ${catalog}.${table} FOR VERSION AS OF CAST(${snapshotId} AS BIGINT)`,
              };
            }),
          };
        }),
      );
      return { ...base, releases };
    } catch (e) {
      throw toHttpError(e);
    }
  }

  async tableDiff(
    scope: VersionScope,
    tables: VersionTablesView,
    from: string,
    to: string,
  ): Promise<TableDiffResponse> {
    const nessie = this.versions.instance(scope);
    try {
      const diffs = await this.cache.get(
        `${nessie.name}:diff:${from}:${to}`,
        () => nessie.client.diff(from, to, { ...call, maxPages: 10 }),
      );
      const mine = diffs.filter(d =>
        tables.tables.includes(keyOf(d.key.elements)),
      );
      const keys = mine.map(d => keyOf(d.key.elements));
      const [atFrom, atTo] = keys.length
        ? await Promise.all([
            nessie.client.getContents(from, keys, call),
            nessie.client.getContents(to, keys, call),
          ])
        : [undefined, undefined];
      return {
        from,
        to,
        tables: mine.map(d => {
          const table = keyOf(d.key.elements);
          let change: TableDiffResponse['tables'][number]['change'] =
            'modified';
          if (!d.from) change = 'added';
          else if (!d.to) change = 'removed';
          return {
            table,
            change,
            fromSnapshotId: atFrom?.contents.get(table)?.snapshotId,
            toSnapshotId: atTo?.contents.get(table)?.snapshotId,
          };
        }),
        otherKeys: diffs.length - mine.length,
      };
    } catch (e) {
      throw toHttpError(e);
    }
  }
}
