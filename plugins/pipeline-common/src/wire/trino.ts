/** What /api/trino answers: shared by trino-backend (which builds it) and trino (which shows it). */

/** The prepared queries of a table; the preview runs the runnable ones, never SQL from the request. */
export type RunnableQueryKind =
  | 'preview'
  | 'count'
  | 'freshness'
  | 'snapshots'
  | 'timeTravel';
export type QueryKind = RunnableQueryKind | 'snapshotAtTime' | 'atNessieTag';

export interface TrinoColumn {
  name: string;
  type: string;
}

/** A validated table in a Trino catalog. */
export interface TrinoTableName {
  catalog: string;
  schema: string;
  table: string;
}

export interface PreparedQuery {
  kind: QueryKind;
  title: string;
  sql: string;
  /** Whether the backend may run it as a preview. */
  runnable: boolean;
  note?: string;
}

export interface TableOverview {
  entityRef: string;
  instance: string;
  table: TrinoTableName & { qualifiedName: string };
  uiUrl?: string;
  /** ready: readable; missing: Trino has no such table yet; unavailable: Trino did not answer. */
  status: 'ready' | 'missing' | 'unavailable';
  message?: string;
  columns: TrinoColumn[];
  freshnessColumn?: string;
  latestSnapshotId?: string;
  queries: PreparedQuery[];
}

/** Age of the newest data against the entity's freshness SLO (`dataplatform.io/freshness-slo-seconds`). */
export interface FreshnessSummary {
  newestDataAt?: string;
  /** column: max of a timestamp column; snapshot: the latest snapshot's commit time. */
  source: 'column' | 'snapshot';
  column?: string;
  lastCommitAt?: string;
  /** Absent while the table holds no data. */
  ageSeconds?: number;
  sloSeconds: number;
  sloSource: 'annotation' | 'default';
  withinSlo?: boolean;
}

export interface TableSnapshot {
  snapshotId: string;
  committedAt: string;
  operation: string;
  parentId?: string;
}

export interface PreviewRequest {
  entityRef: string;
  query: RunnableQueryKind;
  limit?: number;
  snapshotId?: string;
}

export interface PreviewResult {
  kind: RunnableQueryKind;
  sql: string;
  columns: TrinoColumn[];
  rows: unknown[][];
  truncated: boolean;
  queryId: string;
}
