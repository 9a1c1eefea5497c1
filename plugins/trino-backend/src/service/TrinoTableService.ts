import { NotFoundError } from '@backstage/errors';
import {
  QueryError,
  TrinoInstance,
  TrinoQueryOptions,
  TrinoResult,
  UpstreamRegistry,
  toHttpError,
} from '@internal/backstage-plugin-pipeline-node';
import type {
  FreshnessSummary,
  PreviewResult,
  RunnableQueryKind,
  TableOverview,
  TrinoColumn,
  TrinoTableName,
} from '@internal/backstage-plugin-pipeline-common';
import { EntityTable, quoteTrino } from './entityTable';
import {
  buildQuery,
  freshnessColumn,
  metadataTable,
  preparedQueries,
  qualifiedName,
} from './queries';

/** Metadata calls answer within 5 s even when Trino is down or stuck. */
const METADATA_CALL: TrinoQueryOptions = {
  timeoutMs: 4000,
  waitTimeoutMs: 5000,
};
/** Freshness scans the table (max of a column): a little longer, still bounded per request. */
const FRESHNESS_CALL: TrinoQueryOptions = {
  timeoutMs: 4000,
  waitTimeoutMs: 10_000,
};
/** The preview may run longer, but never more than 20 s. */
const PREVIEW_CALL = { timeoutMs: 10_000, waitTimeoutMs: 20_000 };

const epoch = (v: unknown) =>
  typeof v === 'number' ? new Date(v * 1000) : undefined;

/** Reads an entity's table through Trino: metadata, freshness and the row-limited preview. */
export class TrinoTableService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  private target(t: EntityTable): {
    trino: TrinoInstance;
    name: TrinoTableName;
  } {
    const trino = this.registry.get('trino', t.instance);
    quoteTrino(trino.catalog);
    return {
      trino,
      name: { catalog: trino.catalog, schema: t.schema, table: t.table },
    };
  }

  private async run(
    t: EntityTable,
    sql: string,
    opts: TrinoQueryOptions,
  ): Promise<TrinoResult> {
    const { trino, name } = this.target(t);
    try {
      return await trino.client.query(sql, opts);
    } catch (error) {
      if (
        error instanceof QueryError &&
        /^(TABLE|SCHEMA)_NOT_FOUND$/.test(error.upstreamCode ?? '')
      ) {
        throw new NotFoundError(
          `${qualifiedName(
            name,
          )} is not readable in Trino yet: the table does not exist (not created or not synced yet). Trino said: ${
            error.upstreamMessage
          }`,
        );
      }
      if (
        error instanceof QueryError &&
        /snapshot ID does not exist/i.test(error.upstreamMessage ?? '')
      ) {
        throw new NotFoundError(
          `snapshot not found in ${qualifiedName(name)} (expired?): ${
            error.upstreamMessage
          }`,
        );
      }
      throw toHttpError(error);
    }
  }

  async columns(t: EntityTable): Promise<TrinoColumn[]> {
    const { name } = this.target(t);
    const result = await this.run(
      t,
      `SELECT column_name, data_type FROM ${quoteTrino(
        name.catalog,
      )}.information_schema.columns WHERE table_schema = '${
        name.schema
      }' AND table_name = '${name.table}' ORDER BY ordinal_position`,
      METADATA_CALL,
    );
    return result.rows.map(([column, type]) => ({
      name: String(column),
      type: String(type),
    }));
  }

  async overview(t: EntityTable, snapshotId?: string): Promise<TableOverview> {
    const { trino, name } = this.target(t);
    const base = {
      entityRef: t.entityRef,
      instance: trino.name,
      table: { ...name, qualifiedName: qualifiedName(name) },
      uiUrl: trino.uiUrl,
    };
    const at = new Date(this.now() - 10 * 60_000);
    let columns: TrinoColumn[];
    try {
      columns = await this.columns(t);
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'ServiceUnavailableError')
        throw error;
      return {
        ...base,
        status: 'unavailable',
        message: error.message,
        columns: [],
        queries: preparedQueries(name, { at, snapshotId, columnsKnown: false }),
      };
    }
    if (columns.length === 0) {
      return {
        ...base,
        status: 'missing',
        message: `${qualifiedName(
          name,
        )} does not exist in Trino yet: the pipeline has not created it, or Paimon has not published its Iceberg metadata.`,
        columns,
        queries: preparedQueries(name, { at, snapshotId, columnsKnown: false }),
      };
    }
    const latest = (await this.snapshots(t, 1))[0]?.snapshotId;
    const column = freshnessColumn(columns);
    return {
      ...base,
      status: 'ready',
      columns,
      freshnessColumn: column?.name,
      latestSnapshotId: latest,
      queries: preparedQueries(name, {
        column,
        at,
        snapshotId: snapshotId ?? latest,
        columnsKnown: true,
      }),
    };
  }

  async snapshots(t: EntityTable, limit = 100) {
    const result = await this.run(
      t,
      buildQuery('snapshots', this.target(t).name, { limit }),
      METADATA_CALL,
    );
    return result.rows.map(([id, committedAt, operation, parentId]) => ({
      snapshotId: String(id),
      committedAt: String(committedAt),
      operation: String(operation),
      parentId: parentId === null ? undefined : String(parentId),
    }));
  }

  async freshness(t: EntityTable): Promise<FreshnessSummary> {
    const { name } = this.target(t);
    const column = freshnessColumn(await this.columns(t));
    // Timestamps without a zone are read as UTC: Debezium and Flink write UTC on this platform.
    let newest = 'CAST(NULL AS double)';
    if (column) {
      const max = `max(${quoteTrino(column.name)})`;
      newest = /with time zone/.test(column.type)
        ? `to_unixtime(${max})`
        : `to_unixtime(with_timezone(${max}, 'UTC'))`;
    }
    const sql = `SELECT ${newest}, (SELECT to_unixtime(max(committed_at)) FROM ${metadataTable(
      name,
      'snapshots',
    )}) FROM ${qualifiedName(name)}`;
    const [[columnEpoch, commitEpoch] = []] = (
      await this.run(t, sql, FRESHNESS_CALL)
    ).rows;
    const lastCommit = epoch(commitEpoch);
    const newestData = column ? epoch(columnEpoch) : lastCommit;
    const ageSeconds = newestData
      ? Math.max(0, Math.round((this.now() - newestData.getTime()) / 1000))
      : undefined;
    return {
      newestDataAt: newestData?.toISOString(),
      source: column ? 'column' : 'snapshot',
      column: column?.name,
      lastCommitAt: lastCommit?.toISOString(),
      ageSeconds,
      sloSeconds: t.sloSeconds,
      sloSource: t.sloSource,
      withinSlo:
        ageSeconds === undefined ? undefined : ageSeconds <= t.sloSeconds,
    };
  }

  async preview(
    t: EntityTable,
    kind: RunnableQueryKind,
    limit: number,
    snapshotId?: string,
  ): Promise<PreviewResult> {
    const { name } = this.target(t);
    const column =
      kind === 'freshness' ? freshnessColumn(await this.columns(t)) : undefined;
    const sql = buildQuery(kind, name, { limit, column, snapshotId });
    const result = await this.run(t, sql, { ...PREVIEW_CALL, maxRows: limit });
    return {
      kind,
      sql,
      columns: result.columns.map(c => ({ name: c.name, type: c.type })),
      rows: result.rows,
      truncated: result.truncated,
      queryId: result.queryId,
    };
  }
}
