import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';
import type {
  FreshnessSummary,
  PreviewRequest,
  PreviewResult,
  TableOverview,
  TableSnapshot,
} from '@internal/backstage-plugin-pipeline-common';
import type { TrinoApi } from './TrinoApi';

/** TrinoApi over the trino backend; failures are DataPlatformApiErrors with its message. */
export class TrinoClient implements TrinoApi {
  private readonly backend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    this.backend = new PluginBackendRequester('trino', deps);
  }

  overview(entityRef: string, snapshotId?: string) {
    return this.backend.get<TableOverview>('/overview', {
      entityRef,
      snapshotId: snapshotId || undefined,
    });
  }

  freshness(entityRef: string) {
    return this.backend.get<FreshnessSummary>('/freshness', { entityRef });
  }

  async snapshots(entityRef: string) {
    const body = await this.backend.get<{ snapshots: TableSnapshot[] }>(
      '/snapshots',
      { entityRef },
    );
    return body.snapshots;
  }

  preview(request: PreviewRequest) {
    return this.backend.post<PreviewResult>('/preview', request);
  }
}
