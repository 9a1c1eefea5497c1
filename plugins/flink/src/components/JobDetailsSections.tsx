import { Flex, Text } from '@backstage/ui';
import type { FlinkJobDetails } from '@internal/backstage-plugin-pipeline-common';
import { formatBytes, formatDuration, formatRate, formatTime } from './format';
import { BackpressureChip } from './JobStateChip';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

const percent = (ratio?: number) =>
  ratio === undefined ? '—' : `${Math.round(ratio * 100)}%`;

export function VerticesTable({
  vertices,
}: {
  vertices: FlinkJobDetails['vertices'];
}) {
  return (
    <SimpleTable
      label="Vertices"
      rows={vertices}
      rowId={v => v.id}
      empty="The job has no vertices."
      columns={[
        { title: 'Vertex', render: v => v.name },
        { title: 'Parallelism', render: v => v.parallelism },
        { title: 'Status', render: v => v.status },
        {
          title: 'Backpressure',
          render: v => <BackpressureChip level={v.backpressure} />,
        },
        {
          title: 'Backpressured / busy',
          render: v =>
            `${percent(v.backpressureRatio)} / ${percent(v.busyRatio)}`,
        },
        {
          title: 'Records in / out',
          render: v =>
            `${formatRate(v.recordsInPerSecond)} / ${formatRate(
              v.recordsOutPerSecond,
            )}`,
        },
      ]}
    />
  );
}

export function CheckpointHistory({
  checkpoints,
}: {
  checkpoints: FlinkJobDetails['checkpoints'];
}) {
  const c = checkpoints.counts;
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-small" color="secondary">
        {c.completed} completed, {c.failed} failed, {c.inProgress} in progress,{' '}
        {c.restored} restored
      </Text>
      <SimpleTable
        label="Checkpoint history"
        rows={checkpoints.history}
        rowId={cp => String(cp.id)}
        empty="No checkpoint yet."
        columns={[
          {
            title: 'Id',
            render: cp => `#${cp.id}${cp.isSavepoint ? ' (savepoint)' : ''}`,
          },
          { title: 'Status', render: cp => cp.status },
          {
            title: 'Completed',
            render: cp => formatTime(cp.completedAt ?? cp.triggeredAt),
          },
          { title: 'Duration', render: cp => formatDuration(cp.durationMs) },
          { title: 'Size', render: cp => formatBytes(cp.sizeBytes) },
        ]}
      />
    </Flex>
  );
}

export function RecentExceptions({
  exceptions,
}: {
  exceptions: FlinkJobDetails['exceptions'];
}) {
  if (exceptions.entries.length === 0) {
    return (
      <Text as="p" variant="body-medium" color="secondary">
        No exceptions since the job started.
      </Text>
    );
  }
  return (
    <Flex direction="column" gap="3">
      {exceptions.entries.map(e => (
        <Flex
          key={`${e.timestamp}-${e.exceptionName}`}
          direction="column"
          gap="1"
        >
          <Text variant="body-medium" weight="bold" color="danger">
            {e.exceptionName}
          </Text>
          <Text variant="body-small" color="secondary">
            {formatTime(e.timestamp)}
            {e.taskName ? ` · ${e.taskName}` : ''}
          </Text>
          <pre
            style={{
              fontSize: 12,
              whiteSpace: 'pre-wrap',
              margin: 0,
              overflowX: 'auto',
            }}
          >
            {e.stacktrace}
          </pre>
        </Flex>
      ))}
      {exceptions.truncated ? (
        <Text variant="body-small" color="secondary">
          Older exceptions are in the Flink dashboard.
        </Text>
      ) : null}
    </Flex>
  );
}
