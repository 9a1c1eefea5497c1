import { Flex, Text } from '@backstage/ui';
import type { TopicStatus } from '@internal/backstage-plugin-pipeline-common';
import { formatBytes, formatCount, formatDuration } from './format';

/** Topic name, partition end offsets and the retention settings that explain them. */
export function TopicSummary(props: { topic: TopicStatus }) {
  const { topic } = props;
  const { config } = topic;
  const underReplicated = topic.partitions.filter(
    p => p.underReplicated,
  ).length;
  const settings = [
    config.cleanupPolicy && `cleanup ${config.cleanupPolicy}`,
    config.retentionMs !== undefined &&
      `retention ${formatDuration(config.retentionMs)}`,
    config.retentionBytes !== undefined &&
      config.retentionBytes >= 0 &&
      `max ${formatBytes(config.retentionBytes)}`,
  ].filter(Boolean);
  return (
    <Flex direction="column" gap="1">
      <Text>
        <strong>{topic.topic}</strong> · {topic.partitions.length} partition
        {topic.partitions.length === 1 ? '' : 's'} ·{' '}
        {formatCount(topic.totalMessages)} messages retained
      </Text>
      <Text variant="body-small" color="secondary">
        End offsets:{' '}
        {topic.partitions
          .slice(0, 12)
          .map(p => `p${p.partition} ${formatCount(p.endOffset)}`)
          .join(', ')}
        {topic.partitions.length > 12 ? ', …' : ''}
      </Text>
      {settings.length > 0 && (
        <Text variant="body-small" color="secondary">
          {settings.join(' · ')}
        </Text>
      )}
      {underReplicated > 0 && (
        <Text variant="body-small" color="warning">
          {underReplicated} partition(s) under-replicated
        </Text>
      )}
    </Flex>
  );
}
