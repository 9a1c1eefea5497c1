import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  FlinkCallFailed,
  JobNotDeployed,
  MissingFlinkAnnotation,
  NoTaskManager,
} from './FlinkProblems';
import { JobFigures } from './JobFigures';
import { useFlinkJobSummary } from './useFlinkJob';

/** Flink job health of the current entity, for the entity overview. */
export function EntityFlinkJobCard() {
  const { jobName, value, loading, error } = useFlinkJobSummary();
  let body;
  if (!jobName) body = <MissingFlinkAnnotation />;
  else if (error) body = <FlinkCallFailed error={error} what="the Flink job" />;
  else if (loading || !value)
    body = (
      <Flex direction="column" gap="2" aria-label="Loading the Flink job">
        <Skeleton width="60%" height={20} />
        <Skeleton width="90%" height={48} />
        <Skeleton width="90%" height={48} />
      </Flex>
    );
  else if (value.status === 'not-deployed')
    body = (
      <JobNotDeployed
        jobName={value.jobName}
        instance={value.instance}
        dashboardUrl={value.clusterDashboardUrl}
      />
    );
  else body = <JobFigures job={value.job} />;
  // Whatever the job's state says, nothing runs without a TaskManager: say which component is down.
  const noTaskManager = !error && value?.cluster?.taskManagers === 0;

  const dashboardUrl =
    value?.status === 'deployed' ? value.job.dashboardUrl : undefined;
  return (
    <Card>
      <CardHeader>
        <Flex justify="between" align="center">
          <Flex direction="column" gap="1">
            <Text as="h3" variant="title-small">
              Flink job
            </Text>
            {jobName ? (
              <Text variant="body-small" color="secondary">
                {jobName}
                {value ? ` on ${value.instance}` : ''}
              </Text>
            ) : null}
          </Flex>
          {dashboardUrl ? (
            <Link href={dashboardUrl} target="_blank" rel="noreferrer">
              Open in Flink dashboard
            </Link>
          ) : null}
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          {noTaskManager && value ? (
            <NoTaskManager instance={value.instance} />
          ) : null}
          {body}
        </Flex>
      </CardBody>
    </Card>
  );
}
