import type {
  PreparedQuery,
  RunnableQueryKind,
  TrinoColumn,
  TrinoTableName,
} from '@internal/backstage-plugin-pipeline-common';
import { quoteTrino } from './entityTable';

/** The queries the preview may run; the request picks one of these, never SQL. */
export const RUNNABLE_QUERY_KINDS = [
  'preview',
  'count',
  'freshness',
  'snapshots',
  'timeTravel',
] as const satisfies readonly RunnableQueryKind[];

export const qualifiedName = (t: TrinoTableName) =>
  [t.catalog, t.schema, t.table].map(quoteTrino).join('.');

/** Iceberg metadata table, e.g. `"lakehouse"."commerce"."orders$snapshots"`. */
export function metadataTable(t: TrinoTableName, kind: 'snapshots'): string {
  quoteTrino(t.table); // validates the name that goes inside the quotes
  return `${quoteTrino(t.catalog)}.${quoteTrino(t.schema)}."${
    t.table
  }$${kind}"`;
}

/** The column whose max says how new the data is: updated_at first, then *_at/*_time/*_ts. */
export function freshnessColumn(
  columns: TrinoColumn[],
): TrinoColumn | undefined {
  const timestamps = columns.filter(c => /^timestamp/.test(c.type));
  return (
    timestamps.find(c => c.name === 'updated_at') ??
    timestamps.find(c => /(_at|_time|_ts)$/.test(c.name)) ??
    timestamps[0]
  );
}

/**
 * Paimon snapshot ids are small numbers, which Trino types as integer; `FOR VERSION AS OF`
 * only takes bigint (verified on Trino 476), hence the cast.
 */
const versionOf = (snapshotId: string) =>
  `FOR VERSION AS OF CAST(${snapshotId} AS BIGINT)`;

export function buildQuery(
  kind: RunnableQueryKind,
  t: TrinoTableName,
  opts: { limit: number; column?: TrinoColumn; snapshotId?: string },
): string {
  const table = qualifiedName(t);
  switch (kind) {
    case 'preview':
      return `SELECT * FROM ${table} LIMIT ${opts.limit}`;
    case 'count':
      return `SELECT count(*) AS row_count FROM ${table}`;
    case 'freshness':
      return opts.column
        ? `SELECT max(${quoteTrino(
            opts.column.name,
          )}) AS newest_data FROM ${table}`
        : `SELECT max(committed_at) AS newest_data FROM ${metadataTable(
            t,
            'snapshots',
          )}`;
    case 'snapshots':
      return `SELECT snapshot_id, committed_at, operation, parent_id FROM ${metadataTable(
        t,
        'snapshots',
      )} ORDER BY committed_at DESC LIMIT ${opts.limit}`;
    case 'timeTravel':
      if (!opts.snapshotId || !/^[0-9]{1,19}$/.test(opts.snapshotId))
        throw new TypeError('timeTravel needs a snapshot id of digits');
      return `SELECT * FROM ${table} ${versionOf(opts.snapshotId)} LIMIT ${
        opts.limit
      }`;
    default:
      throw new TypeError(`unknown query kind ${String(kind)}`);
  }
}

/** The SQL texts a user can copy into any Trino client. */
export function preparedQueries(
  t: TrinoTableName,
  opts: {
    column?: TrinoColumn;
    snapshotId?: string;
    at: Date;
    /** False while Trino cannot read the table: its columns are not known. */
    columnsKnown: boolean;
  },
): PreparedQuery[] {
  const limit = 100;
  const at = opts.at
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
  return [
    {
      kind: 'preview',
      title: 'Preview',
      sql: buildQuery('preview', t, { limit }),
      runnable: true,
    },
    {
      kind: 'count',
      title: 'Row count',
      sql: buildQuery('count', t, { limit }),
      runnable: true,
    },
    {
      kind: 'freshness',
      title: 'Freshness',
      sql: buildQuery('freshness', t, { limit, column: opts.column }),
      runnable: true,
      note: freshnessNote(opts.column, opts.columnsKnown),
    },
    {
      kind: 'snapshots',
      title: 'Snapshots',
      sql: buildQuery('snapshots', t, { limit }),
      runnable: true,
    },
    {
      kind: 'timeTravel',
      title: 'Time travel (snapshot id)',
      // Without a known snapshot the text holds a placeholder the user replaces.
      sql: opts.snapshotId
        ? buildQuery('timeTravel', t, { limit, snapshotId: opts.snapshotId })
        : `SELECT * FROM ${qualifiedName(
            t,
          )} FOR VERSION AS OF CAST(<snapshot_id> AS BIGINT) LIMIT ${limit}`,
      runnable: opts.snapshotId !== undefined,
      note: opts.snapshotId
        ? undefined
        : 'Replace <snapshot_id> with an id from the Snapshots query.',
    },
    {
      kind: 'snapshotAtTime',
      title: 'Time travel (timestamp)',
      sql: `SELECT snapshot_id, committed_at FROM ${metadataTable(
        t,
        'snapshots',
      )} WHERE committed_at <= TIMESTAMP '${at}' ORDER BY committed_at DESC LIMIT 1`,
      runnable: false,
      note: "Trino's FOR TIMESTAMP AS OF fails on Paimon's Iceberg metadata (no snapshot log): find the snapshot at that time with this query, then use FOR VERSION AS OF.",
    },
    {
      kind: 'atNessieTag',
      title: 'Time travel (Nessie release tag)',
      sql: `SELECT * FROM ${qualifiedName(
        t,
      )} FOR VERSION AS OF CAST(<snapshotId of ${t.schema}.${
        t.table
      } at the tag> AS BIGINT) LIMIT ${limit}`,
      runnable: false,
      note: `Catalog ${t.catalog} reads Nessie's main branch, and Trino reads one Nessie ref per catalog: a release tag (e.g. finance/daily-20261124) is read through the snapshot it pins. Nessie gives it: GET /api/v2/trees/<tag>/contents/${t.schema}.${t.table} → content.snapshotId (the Versions tab shows it per tag).`,
    },
  ];
}

function freshnessNote(
  column: TrinoColumn | undefined,
  columnsKnown: boolean,
): string {
  if (column) return `Newest value of the ${column.name} column.`;
  if (!columnsKnown)
    return 'Columns unknown until Trino can read the table: the latest snapshot commit time.';
  return 'The table has no timestamp column: the latest snapshot commit time.';
}
