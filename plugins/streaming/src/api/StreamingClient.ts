import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';
import type {
  ConnectorsStatus,
  ConsumerLagStatus,
  RestartResult,
  TopicStatus,
} from '@internal/backstage-plugin-pipeline-common';
import type { StreamingApi } from './StreamingApi';

// The backend answers a down upstream within ~4 s; this bounds a hung backend as well.
const REQUEST_TIMEOUT_MS = 8000;

/**
 * StreamingApi over the streaming backend; failures are DataPlatformApiErrors with its message,
 * which names the component that is down ("kafka-connect is unreachable ...").
 */
export class StreamingClient implements StreamingApi {
  private readonly backend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    this.backend = new PluginBackendRequester('streaming', deps, {
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  }

  getTopic(entityRef: string) {
    return this.backend.get<TopicStatus>('/topic', { entityRef });
  }

  getConsumerLag(entityRef: string) {
    return this.backend.get<ConsumerLagStatus>('/consumer-lag', { entityRef });
  }

  getConnectors(entityRef: string) {
    return this.backend.get<ConnectorsStatus>('/connectors', { entityRef });
  }

  restartFailedTasks(entityRef: string, connector?: string) {
    return this.backend.post<RestartResult>(
      '/connectors/restart-failed',
      connector ? { entityRef, connector } : { entityRef },
    );
  }
}
