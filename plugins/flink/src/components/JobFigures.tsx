import { Flex, Grid, Text } from '@backstage/ui';
import type { ReactNode } from 'react';
import type { FlinkJobSummary } from '@internal/backstage-plugin-pipeline-common';
import {
  ageOf,
  formatBytes,
  formatDuration,
  formatRate,
  formatTime,
} from './format';
import { BackpressureChip, JobStateChip } from './JobStateChip';

function Figure({
  label,
  children,
  hint,
}: {
  label: string;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <Flex direction="column" gap="1">
      <Text variant="body-small" color="secondary">
        {label}
      </Text>
      <Text as="div" variant="body-large" weight="bold">
        {children}
      </Text>
      {hint ? (
        <Text variant="body-x-small" color="secondary">
          {hint}
        </Text>
      ) : null}
    </Flex>
  );
}

/** The health figures of one job, as the card and the tab show them. */
export function JobFigures({ job }: { job: FlinkJobSummary }) {
  const cp = job.lastCheckpoint;
  return (
    <Grid.Root columns={{ initial: '2', md: '4' }} gap="4">
      <Figure label="State">
        <JobStateChip state={job.state} />
      </Figure>
      <Figure label="Uptime" hint={`started ${formatTime(job.startTime)}`}>
        {formatDuration(
          job.state === 'RUNNING'
            ? ageOf(job.startTime, job.uptimeMs)
            : job.uptimeMs,
        )}
      </Figure>
      <Figure label="Restarts">{job.restarts ?? '—'}</Figure>
      <Figure label="Backpressure" hint="worst over all vertices">
        <BackpressureChip level={job.backpressure} />
      </Figure>
      <Figure
        label="Last checkpoint"
        hint={
          cp
            ? `#${cp.id}, ${job.completedCheckpoints} completed`
            : 'none completed yet'
        }
      >
        {cp ? `${formatDuration(ageOf(cp.completedAt, cp.ageMs))} ago` : '—'}
      </Figure>
      <Figure label="Checkpoint duration / size">
        {cp
          ? `${formatDuration(cp.durationMs)} / ${formatBytes(cp.sizeBytes)}`
          : '—'}
      </Figure>
      <Figure label="Failed checkpoints">{job.failedCheckpoints}</Figure>
      <Figure label="Records in / out" hint="per second, sources / sinks">
        {formatRate(job.recordsInPerSecond)} /{' '}
        {formatRate(job.recordsOutPerSecond)}
      </Figure>
    </Grid.Root>
  );
}
