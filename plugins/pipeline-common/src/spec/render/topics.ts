import type { PipelineSpec } from '../pipelineSpec';

/** One topic in the shape kafkajs' `admin.createTopics` and Strimzi's KafkaTopic both need. */
export interface RenderedTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
}

export function renderTopics(spec: PipelineSpec): RenderedTopic[] {
  return spec.topics.map(topic => ({
    name: topic.name,
    partitions: topic.partitions,
    replicationFactor: topic.replicationFactor,
    configEntries: [
      { name: 'retention.ms', value: String(topic.retentionMs) },
      { name: 'cleanup.policy', value: topic.cleanupPolicy },
    ],
  }));
}
