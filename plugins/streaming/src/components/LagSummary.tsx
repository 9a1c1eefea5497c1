import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import type { ConsumerLagStatus } from '@internal/backstage-plugin-pipeline-common';
import { formatCount } from './format';

const DEFAULT_THRESHOLD = 1000;

export function useLagThreshold() {
  const config = useApi(configApiRef);
  return (
    config.getOptionalNumber('dataPlatform.streaming.lagWarningThreshold') ??
    DEFAULT_THRESHOLD
  );
}

const STATE_NOTES: Record<string, string> = {
  Empty:
    'no members: normal for Flink, which assigns partitions itself and commits offsets on checkpoints',
  Dead: 'Kafka does not know this group: nothing has committed offsets for it yet',
};

/** Total lag, in the warning colour above the configured threshold. */
export function LagSummary(props: { lag: ConsumerLagStatus }) {
  const { lag } = props;
  const threshold = useLagThreshold();
  const uncommitted = lag.partitions.filter(
    p => p.committedOffset === null,
  ).length;
  const high = lag.totalLag > threshold;
  return (
    <Flex direction="column" gap="1">
      <Text>
        Group <strong>{lag.groupId}</strong>: lag{' '}
        <Text
          as="strong"
          weight="bold"
          color={high ? 'warning' : 'success'}
          data-testid="total-lag"
        >
          {formatCount(lag.totalLag)}
        </Text>{' '}
        message{lag.totalLag === 1 ? '' : 's'}
        {high ? ` (above ${formatCount(threshold)})` : ''}
      </Text>
      <Text variant="body-small" color="secondary">
        State {lag.state}
        {lag.members > 0 ? `, ${lag.members} member(s)` : ''}
        {STATE_NOTES[lag.state] ? ` — ${STATE_NOTES[lag.state]}` : ''}
      </Text>
      {uncommitted > 0 && (
        <Text variant="body-small" color="warning">
          {uncommitted} partition(s) without a committed offset
        </Text>
      )}
    </Flex>
  );
}
