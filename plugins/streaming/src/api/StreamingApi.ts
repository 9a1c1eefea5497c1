import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ConnectorsStatus,
  ConsumerLagStatus,
  RestartResult,
  TopicStatus,
} from '@internal/backstage-plugin-pipeline-common';

/** Kafka and Kafka Connect status of one catalog entity, by entity ref. */
export interface StreamingApi {
  getTopic(entityRef: string): Promise<TopicStatus>;
  getConsumerLag(entityRef: string): Promise<ConsumerLagStatus>;
  getConnectors(entityRef: string): Promise<ConnectorsStatus>;
  /** Restarts the failed tasks of the entity's connector (all of them when none is named). */
  restartFailedTasks(
    entityRef: string,
    connector?: string,
  ): Promise<RestartResult>;
}

export const streamingApiRef = createApiRef<StreamingApi>().with({
  id: 'plugin.streaming.api',
  pluginId: 'streaming',
});
