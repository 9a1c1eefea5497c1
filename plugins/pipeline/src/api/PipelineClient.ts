import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';
import type {
  PipelineOperationResponse,
  PipelineRestorePlan,
  PipelineView,
} from '@internal/backstage-plugin-pipeline-common';
import type { PipelineApi } from './PipelineApi';

/** PipelineApi over the pipeline backend; failures are DataPlatformApiErrors with its message. */
export class PipelineClient implements PipelineApi {
  private readonly backend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    this.backend = new PluginBackendRequester('pipeline', deps);
  }

  getPipelineForEntity(entityRef: string) {
    return this.backend.get<PipelineView>('/by-entity', { entityRef });
  }

  plan(pipeline: string) {
    return this.backend.post<PipelineOperationResponse>('/deploy', {
      pipeline,
      dryRun: true,
    });
  }

  deploy(pipeline: string, options: { acceptStateLoss: boolean }) {
    return this.backend.post<PipelineOperationResponse>('/deploy', {
      pipeline,
      acceptStateLoss: options.acceptStateLoss,
    });
  }

  stop(pipeline: string) {
    return this.backend.post<PipelineOperationResponse>('/stop', { pipeline });
  }

  resume(pipeline: string, savepointId?: number) {
    return this.backend.post<PipelineOperationResponse>('/resume', {
      pipeline,
      ...(savepointId === undefined ? {} : { savepointId }),
    });
  }

  decommission(
    pipeline: string,
    choice: { dropTopics: boolean; dropTables: boolean },
  ) {
    return this.backend.post<PipelineOperationResponse>('/decommission', {
      pipeline,
      ...choice,
    });
  }

  createRestorePoint(pipeline: string) {
    return this.backend.post<PipelineOperationResponse>('/restore-points', {
      pipeline,
    });
  }

  restorePlan(pipeline: string, restorePointId: number) {
    const [namespace, name] = pipeline.split('/');
    return this.backend.get<PipelineRestorePlan>(
      `/pipelines/${encodeURIComponent(namespace)}/${encodeURIComponent(
        name,
      )}/restore-points/${restorePointId}/plan`,
    );
  }

  restore(
    pipeline: string,
    restorePointId: number,
    options: { confirm: string; hold: boolean },
  ) {
    return this.backend.post<PipelineOperationResponse>('/restore', {
      pipeline,
      restorePoint: restorePointId,
      ...options,
    });
  }
}
