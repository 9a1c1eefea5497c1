import {
  CoalescingCache,
  FlinkInstance,
  NessieInstance,
  NessieReference,
  QueryError,
  runInLakeSession,
  toHttpError,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import {
  LAKEHOUSE_NESSIE_REF,
  type PaimonResponse,
  type PaimonSnapshotView,
  type PaimonTableVersions,
  paimonTagFor,
  type PaimonTagView,
} from '@internal/backstage-plugin-pipeline-common';
import {
  ownsReference,
  type PaimonTableName,
  type VersionScope,
} from './entityScope';
import { SNAPSHOT_LIMIT, versionStatements } from './paimonSql';

/** Each gateway request gives up within 4 s; a whole table read (two batch jobs) within 30 s. */
export const GATEWAY_TIMEOUT_MS = 4000;
export const TABLE_READ_TIMEOUT_MS = 30_000;

const num = (v: unknown) =>
  v === null || v === undefined ? undefined : Number(v);
const text = (v: unknown) =>
  v === null || v === undefined ? undefined : String(v);

// Flink names a missing table (or database) this way in its validation error.
const MISSING = /not found within|does not exist|Table .* not found/i;

/** Each Nessie read gives up within 4 s. */
const NESSIE_CALL = { timeoutMs: 4000 };
/** How many of the prefix's tags the panel resolves (newest names first). */
const TAG_LIMIT = 10;

/**
 * Snapshots and tags of an entity's Paimon tables. A table whose commits Nessie records (the
 * commit callback) is read from Nessie's metadata: `main`'s log filtered to the table gives its
 * snapshots, the entity's tags give the snapshot each pins (its Paimon tag has the same name, `/`
 * swapped for `-`) — a few milliseconds, no Flink job. Other tables are read from Paimon's system
 * tables through the SQL Gateway (a batch job per read, seconds).
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
    const refs = await nessieRefs().then(
      r => ({ refs: r, error: undefined as string | undefined }),
      (e: Error) => ({ refs: [] as NessieReference[], error: e.message }),
    );
    const nessie = refs.error ? undefined : this.nessie(scope);
    const tables = await Promise.all(
      scope.tables.map(t =>
        this.table(
          flink,
          t,
          nessie
            ? () =>
                this.fromNessie(
                  nessie,
                  scope,
                  `${t.database}.${t.table}`,
                  refs.refs,
                )
            : undefined,
        ),
      ),
    );
    // A gateway that is down fails every table the same way: that is a 503, not a table state.
    const down = tables.find(t => t.unavailable);
    if (down && tables.every(t => t.unavailable)) throw down.unavailable;
    return {
      entityRef: scope.entityRef,
      tables: tables.map(t =>
        t.versions.source === 'nessie'
          ? t.versions
          : { ...t.versions, tags: linkTags(t.versions.tags, refs.refs) },
      ),
      nessieLinkError: refs.error,
    };
  }

  private nessie(scope: VersionScope): NessieInstance | undefined {
    try {
      return this.registry.get('nessie', scope.instance);
    } catch {
      return undefined;
    }
  }

  /** From Nessie, or undefined when Nessie has no commit of the table (fall back to Paimon). */
  private async fromNessie(
    nessie: NessieInstance,
    scope: VersionScope,
    name: string,
    refs: NessieReference[],
  ): Promise<PaimonTableVersions | undefined> {
    const log = await nessie.client.keyLog(
      LAKEHOUSE_NESSIE_REF,
      [name],
      { maxRecords: SNAPSHOT_LIMIT },
      NESSIE_CALL,
    );
    if (!log.entries.length) return undefined;
    const snapshots: PaimonSnapshotView[] = log.entries.flatMap(e => {
      const op = e.operations.find(o => o.key.elements.join('.') === name);
      const id = op?.content?.snapshotId;
      if (id === undefined) return [];
      const own = e.commit.properties?.['paimon.table'] === name;
      const p = own ? e.commit.properties! : {};
      const at = Number(p['paimon.commit-time']);
      return [
        {
          snapshotId: id,
          commitTime: Number.isFinite(at)
            ? new Date(at).toISOString()
            : e.commit.authorTime ?? e.commit.commitTime ?? '',
          commitKind: p['paimon.commit-kind'] ?? 'NESSIE',
          totalRecordCount: num(p['paimon.total-record-count']),
          nessieHash: e.commit.hash,
        },
      ];
    });
    const tagRefs = refs
      .filter(r => r.type === 'TAG' && ownsReference(scope, r.name))
      .sort((a, b) => b.name.localeCompare(a.name))
      .slice(0, TAG_LIMIT);
    const tags = await Promise.all(
      tagRefs.map(async (ref): Promise<PaimonTagView | undefined> => {
        const at = await nessie.client.getContents(
          ref.name,
          [name],
          NESSIE_CALL,
        );
        const id = at.contents.get(name)?.snapshotId;
        return id === undefined
          ? undefined
          : {
              name: paimonTagFor(ref.name),
              snapshotId: id,
              nessieRef: { type: ref.type, name: ref.name, hash: ref.hash },
            };
      }),
    );
    return {
      table: name,
      state: 'ok',
      source: 'nessie',
      snapshots,
      tags: tags
        .filter((t): t is PaimonTagView => t !== undefined)
        .sort(
          (a, b) => b.snapshotId - a.snapshotId || a.name.localeCompare(b.name),
        ),
    };
  }

  private async table(
    flink: FlinkInstance,
    table: PaimonTableName,
    recorded?: () => Promise<PaimonTableVersions | undefined>,
  ): Promise<{ versions: PaimonTableVersions; unavailable?: Error }> {
    const name = `${table.database}.${table.table}`;
    const empty = { table: name, snapshots: [], tags: [] };
    const fromNessie = recorded
      ? await this.cache.get(`nessie:${name}`, recorded).catch(() => undefined)
      : undefined;
    if (fromNessie) return { versions: fromNessie };
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
