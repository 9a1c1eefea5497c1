import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ConnectorsStatus,
  ConsumerLagStatus,
  FlinkJobSummaryResponse,
  FreshnessSummary,
  ServingStats,
} from '@internal/backstage-plugin-pipeline-common';
import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';

/** The live status of pipeline entities, from the flink, streaming, trino and serving backends. */
export interface PipelineStatusApi {
  flinkJob(entityRef: string): Promise<FlinkJobSummaryResponse>;
  connectors(entityRef: string): Promise<ConnectorsStatus>;
  consumerLag(entityRef: string): Promise<ConsumerLagStatus>;
  freshness(entityRef: string): Promise<FreshnessSummary>;
  /** The entity's (first) serving target: rows and last write. */
  serving(entityRef: string): Promise<ServingStats>;
}

export const pipelineStatusApiRef = createApiRef<PipelineStatusApi>().with({
  id: 'plugin.data-platform.pipeline-status',
  pluginId: 'data-platform',
});

/** A chip must not spin forever when an upstream hangs: the backends answer within ~10 s. */
const TIMEOUT_MS = 15_000;

/** PipelineStatusApi over the plugins' backends; failures are DataPlatformApiErrors with their message. */
export class PipelineStatusClient implements PipelineStatusApi {
  private readonly flink: PluginBackendRequester;
  private readonly streaming: PluginBackendRequester;
  private readonly trino: PluginBackendRequester;
  private readonly servingBackend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    const options = { timeoutMs: TIMEOUT_MS };
    this.flink = new PluginBackendRequester('flink', deps, options);
    this.streaming = new PluginBackendRequester('streaming', deps, options);
    this.trino = new PluginBackendRequester('trino', deps, options);
    this.servingBackend = new PluginBackendRequester('serving', deps, options);
  }

  flinkJob(entityRef: string) {
    return this.flink.get<FlinkJobSummaryResponse>('/summary', { entityRef });
  }

  connectors(entityRef: string) {
    return this.streaming.get<ConnectorsStatus>('/connectors', { entityRef });
  }

  consumerLag(entityRef: string) {
    return this.streaming.get<ConsumerLagStatus>('/consumer-lag', {
      entityRef,
    });
  }

  freshness(entityRef: string) {
    return this.trino.get<FreshnessSummary>('/freshness', { entityRef });
  }

  serving(entityRef: string) {
    return this.servingBackend.get<ServingStats>('/stats', { entityRef });
  }
}
