import { createApiRef } from '@backstage/frontend-plugin-api';

import type {
  TopicPartitionStatus,
  TopicStatus,
  ConsumerLagStatus,
  ConnectorTaskStatus,
  ConnectorStatusView,
  ConnectorsStatus,
  RestartResult,
} from '@internal/backstage-plugin-pipeline-common';

/** The answers of /api/streaming: wire types shared with streaming-backend (pipeline-common). */
export type {
  TopicPartitionStatus,
  TopicStatus,
  ConsumerLagStatus,
  ConnectorTaskStatus,
  ConnectorStatusView,
  ConnectorsStatus,
  RestartResult,
};

/** Kafka and Kafka Connect status of one catalog entity, by entity ref. */
export interface StreamingApi {
  getTopic(entityRef: string): Promise<TopicStatus>;
  getConsumerLag(entityRef: string): Promise<ConsumerLagStatus>;
  getConnectors(entityRef: string): Promise<ConnectorsStatus>;
  /** Restarts the failed tasks of the entity's connector (all of them when none is named). */
  restartFailedTasks(entityRef: string, connector?: string): Promise<RestartResult>;
}

export const streamingApiRef = createApiRef<StreamingApi>().with({
  id: 'plugin.streaming.api',
  pluginId: 'streaming',
});
