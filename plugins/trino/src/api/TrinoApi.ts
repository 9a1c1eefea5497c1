import { createApiRef } from '@backstage/frontend-plugin-api';

/** What the trino backend answers; see plugins/trino-backend. */
export type QueryKind =
  | 'preview'
  | 'count'
  | 'freshness'
  | 'snapshots'
  | 'timeTravel'
  | 'snapshotAtTime';
export type RunnableQueryKind = Exclude<QueryKind, 'snapshotAtTime'>;

export interface TrinoColumn {
  name: string;
  type: string;
}

export interface PreparedQuery {
  kind: QueryKind;
  title: string;
  sql: string;
  runnable: boolean;
  note?: string;
}

export interface TableOverview {
  entityRef: string;
  instance: string;
  table: {
    catalog: string;
    schema: string;
    table: string;
    qualifiedName: string;
  };
  uiUrl?: string;
  status: 'ready' | 'missing' | 'unavailable';
  message?: string;
  columns: TrinoColumn[];
  freshnessColumn?: string;
  latestSnapshotId?: string;
  queries: PreparedQuery[];
}

export interface FreshnessSummary {
  newestDataAt?: string;
  source: 'column' | 'snapshot';
  column?: string;
  lastCommitAt?: string;
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

/** The trino backend, seen from the browser. */
export interface TrinoApi {
  overview(entityRef: string, snapshotId?: string): Promise<TableOverview>;
  freshness(entityRef: string): Promise<FreshnessSummary>;
  snapshots(entityRef: string): Promise<TableSnapshot[]>;
  preview(request: PreviewRequest): Promise<PreviewResult>;
}

export const trinoApiRef = createApiRef<TrinoApi>().with({
  id: 'plugin.trino.api',
  pluginId: 'trino',
});
