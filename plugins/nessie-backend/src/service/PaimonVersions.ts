import {
  CoalescingCache,
  FlinkInstance,
  NessieReference,
  QueryError,
  runInLakeSession,
  toHttpError,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import {
  type PaimonResponse,
  type PaimonSnapshotView,
  type PaimonTableVersions,
  paimonTagFor,
  type PaimonTagView,
} from '@internal/backstage-plugin-pipeline-common';
import type { PaimonTableName, VersionScope } from './entityScope';
import { versionStatements } from './paimonSql';

/** Each gateway request gives up within 4 s; a whole table read (two batch jobs) within 30 s. */
export const GATEWAY_TIMEOUT_MS = 4000;
export const TABLE_READ_TIMEOUT_MS = 30_000;

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const text = (v: unknown) =>
  v === null || v === undefined ? undefined : String(v);

// Flink names a missing table (or database) this way in its validation error.
const MISSING = /not found within|does not exist|Table .* not found/i;

/**
 * Snapshots and tags of an entity's Paimon tables, read from Paimon's system tables through
 * the SQL Gateway, each tag linked to the Nessie reference it was named after.
 */
export class PaimonVersions {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly cache = new CoalescingCache({ ttlMs: 15_000 }),
  ) {}

  async versions(
    scope: VersionScope,
    nessieRefs: () => Promise<NessieReference[]>,
  ): Promise<PaimonResponse> {
    let flink: FlinkInstance;
    try {
      flink = this.registry.get('flink', scope.instance);
    } catch (e) {
      throw toHttpError(e);
    }
    const [tables, refs] = await Promise.all([
      Promise.all(scope.tables.map(t => this.table(flink, t))),
      nessieRefs().then(
        r => ({ refs: r, error: undefined }),
        (e: Error) => ({ refs: [] as NessieReference[], error: e.message }),
      ),
    ]);
    // A gateway that is down fails every table the same way: that is a 503, not a table state.
    const down = tables.find(t => t.unavailable);
    if (down && tables.every(t => t.unavailable)) throw down.unavailable;
    return {
      entityRef: scope.entityRef,
      tables: tables.map(t => ({
        ...t.versions,
        tags: linkTags(t.versions.tags, refs.refs),
      })),
      nessieLinkError: refs.error,
    };
  }

  private async table(
    flink: FlinkInstance,
    table: PaimonTableName,
  ): Promise<{ versions: PaimonTableVersions; unavailable?: Error }> {
    const name = `${table.database}.${table.table}`;
    const empty = { table: name, snapshots: [], tags: [] };
    try {
      const versions = await this.cache.get(`${flink.name}:${name}`, () =>
        this.read(flink, table, name),
      );
      return { versions };
    } catch (e) {
      if (e instanceof QueryError && MISSING.test(e.upstreamMessage ?? '')) {
        return {
          versions: {
            ...empty,
            state: 'missing',
            message: `Paimon table ${name} does not exist in catalog ${flink.paimonCatalog?.name}: the pipeline has not been deployed yet`,
          },
        };
      }
      if (e instanceof QueryError) {
        return { versions: { ...empty, state: 'error', message: e.message } };
      }
      const error = toHttpError(e);
      return {
        versions: { ...empty, state: 'error', message: error.message },
        unavailable: error,
      };
    }
  }

  private async read(
    flink: FlinkInstance,
    table: PaimonTableName,
    name: string,
  ): Promise<PaimonTableVersions> {
    const catalog = flink.paimonCatalog?.name ?? 'lake';
    const [, snapshots, tags] = await runInLakeSession(
      flink,
      versionStatements(catalog, table),
      {
        sessionName: `portal-versions-${name}`,
        timeoutMs: GATEWAY_TIMEOUT_MS,
        waitTimeoutMs: TABLE_READ_TIMEOUT_MS,
        pollIntervalMs: 200,
      },
    );
    return {
      table: name,
      state: 'ok',
      snapshots: snapshots.rows.map(
        (r): PaimonSnapshotView => ({
          snapshotId: Number(r[0]),
          commitTime: String(r[1]),
          commitKind: String(r[2]),
          totalRecordCount: num(r[3]),
        }),
      ),
      tags: tags.rows
        .map(
          (r): PaimonTagView => ({
            name: String(r[0]),
            snapshotId: Number(r[1]),
            createTime: text(r[2]),
            commitTime: text(r[3]),
            recordCount: num(r[4]),
          }),
        )
        .sort(
          (a, b) => b.snapshotId - a.snapshotId || a.name.localeCompare(b.name),
        ),
    };
  }
}

/**
 * Paimon tag names cannot hold "/" (a slash becomes a sub-folder the `$tags` table never lists),
 * so the Nessie ref `finance/daily-20261124` pairs with the Paimon tag `finance-daily-20261124`.
 * An exact name match wins over the mapped one.
 */
export function linkTags(
  tags: PaimonTagView[],
  refs: NessieReference[],
): PaimonTagView[] {
  return tags.map(tag => {
    const ref =
      refs.find(r => r.name === tag.name) ??
      refs.find(r => paimonTagFor(r.name) === tag.name);
    return ref
      ? {
          ...tag,
          nessieRef: { type: ref.type, name: ref.name, hash: ref.hash },
        }
      : tag;
  });
}
