import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import { getFlinkJobName } from '@internal/backstage-plugin-pipeline-common';
import type { ReactNode } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { flinkApiRef } from '../api/FlinkApi';
import {
  FlinkCallFailed,
  JobNotDeployed,
  MissingFlinkAnnotation,
} from './FlinkProblems';
import { JobActions } from './JobActions';
import {
  CheckpointHistory,
  RecentExceptions,
  VerticesTable,
} from './JobDetailsSections';
import { JobFigures } from './JobFigures';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-small">
          {title}
        </Text>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

/** The entity's Flink tab: health, vertices, checkpoints, exceptions and the job actions. */
export function FlinkJobTab() {
  const { entity } = useEntity();
  const api = useApi(flinkApiRef);
  const entityRef = stringifyEntityRef(entity);
  const jobName = getFlinkJobName(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    async () =>
      jobName
        ? api.getJobDetails(entityRef, { checkpoints: 10, exceptions: 10 })
        : undefined,
    [api, entityRef, jobName],
  );

  if (!jobName) return <MissingFlinkAnnotation />;
  if (error)
    return <FlinkCallFailed error={error} what={`the Flink job ${jobName}`} />;
  if (loading && !value)
    return (
      <Flex direction="column" gap="3" aria-label="Loading the Flink job">
        <Skeleton width="100%" height={120} />
        <Skeleton width="100%" height={200} />
      </Flex>
    );
  if (!value) return null;
  if (value.status === 'not-deployed')
    return (
      <JobNotDeployed
        jobName={value.jobName}
        instance={value.instance}
        dashboardUrl={value.clusterDashboardUrl}
      />
    );

  const { summary, vertices, checkpoints, exceptions } = value.details;
  return (
    <Flex direction="column" gap="4">
      <Card>
        <CardHeader>
          <Flex justify="between" align="center">
            <Flex direction="column" gap="1">
              <Text as="h2" variant="title-medium">
                {summary.name}
              </Text>
              <Text variant="body-small" color="secondary">
                Job {summary.jid} on {value.instance}
                {summary.otherRuns
                  ? ` · ${summary.otherRuns} earlier run(s) of the same name`
                  : ''}
              </Text>
            </Flex>
            {summary.dashboardUrl ? (
              <Link
                href={summary.dashboardUrl}
                target="_blank"
                rel="noreferrer"
              >
                Open in Flink dashboard
              </Link>
            ) : null}
          </Flex>
        </CardHeader>
        <CardBody>
          <Flex direction="column" gap="4">
            <JobFigures job={summary} />
            <JobActions entityRef={entityRef} job={summary} onDone={retry} />
          </Flex>
        </CardBody>
      </Card>
      <Section title="Vertices">
        <VerticesTable vertices={vertices} />
      </Section>
      <Section title="Checkpoint history">
        <CheckpointHistory checkpoints={checkpoints} />
      </Section>
      <Section title="Recent exceptions">
        <RecentExceptions exceptions={exceptions} />
      </Section>
    </Flex>
  );
}
