/** What the routes answer: the wire types live in pipeline-common, shared with the frontend. */
export type {
  TopicPartitionStatus,
  TopicStatus,
  ConsumerLagStatus,
  ConnectorTaskStatus,
  ConnectorStatusView,
  ConnectorsStatus,
  RestartResult,
} from '@internal/backstage-plugin-pipeline-common';
