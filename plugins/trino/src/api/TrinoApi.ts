import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  FreshnessSummary,
  PreviewRequest,
  PreviewResult,
  TableOverview,
  TableSnapshot,
} from '@internal/backstage-plugin-pipeline-common';

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
