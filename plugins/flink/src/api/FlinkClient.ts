import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';
import type {
  FlinkFleetResponse,
  FlinkJobActionResponse,
  FlinkJobDetailsResponse,
  FlinkJobSummaryResponse,
} from '@internal/backstage-plugin-pipeline-common';
import type { FlinkApi } from './FlinkApi';

/** FlinkApi over the flink backend; failures are DataPlatformApiErrors with its message. */
export class FlinkClient implements FlinkApi {
  private readonly backend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    this.backend = new PluginBackendRequester('flink', deps);
  }

  getJobSummary(entityRef: string) {
    return this.backend.get<FlinkJobSummaryResponse>('/summary', { entityRef });
  }

  getJobDetails(
    entityRef: string,
    options: { checkpoints?: number; exceptions?: number } = {},
  ) {
    return this.backend.get<FlinkJobDetailsResponse>('/details', {
      entityRef,
      checkpoints: options.checkpoints || undefined,
      exceptions: options.exceptions || undefined,
    });
  }

  getFleet() {
    return this.backend.get<FlinkFleetResponse>('/fleet');
  }

  cancelJob(entityRef: string) {
    return this.backend.post<FlinkJobActionResponse>('/cancel', { entityRef });
  }

  stopJobWithSavepoint(entityRef: string) {
    return this.backend.post<FlinkJobActionResponse>('/stop-with-savepoint', {
      entityRef,
    });
  }
}
