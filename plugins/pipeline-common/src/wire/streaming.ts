/** What /api/streaming answers; the frontend's StreamingApi mirrors these shapes. */

export interface TopicPartitionStatus {
  partition: number;
  leader: number;
  replicas: number[];
  isr: number[];
  /** True when a replica is missing from the in-sync set. */
  underReplicated: boolean;
  startOffset: number;
  endOffset: number;
  /** end − start: what retention still holds (compaction may hold fewer). */
  messages: number;
}

export interface TopicStatus {
  instance: string;
  topic: string;
  partitions: TopicPartitionStatus[];
  totalMessages: number;
  config: {
    retentionMs?: number;
    retentionBytes?: number;
    cleanupPolicy?: string;
    minInsyncReplicas?: number;
  };
}

export interface ConsumerLagStatus {
  instance: string;
  groupId: string;
  topic: string;
  /** Kafka's group state: Stable, Empty (no members; normal for Flink), Dead (unknown group), ... */
  state: string;
  members: number;
  totalLag: number;
  partitions: Array<{
    partition: number;
    endOffset: number;
    committedOffset: number | null;
    lag: number | null;
  }>;
}

export interface ConnectorTaskStatus {
  id: number;
  state: string;
  workerId?: string;
  /** The first lines of the stack trace of a FAILED task. */
  trace?: string;
}

export interface ConnectorStatusView {
  name: string;
  /** Absent when Connect has no such connector (see `missing`). */
  state?: string;
  type?: string;
  workerId?: string;
  trace?: string;
  tasks: ConnectorTaskStatus[];
  /** Connect answered 404: the annotation names a connector that is not deployed. */
  missing?: boolean;
  failedTasks: number;
}

export interface ConnectorsStatus {
  instance: string;
  connectors: ConnectorStatusView[];
}

export interface RestartResult {
  restarted: Array<{
    connector: string;
    tasks: number[];
    connectorRestarted: boolean;
  }>;
}
