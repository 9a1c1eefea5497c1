import { Alert, Text } from '@backstage/ui';
import { FLINK_JOB_NAME_ANNOTATION } from '@internal/backstage-plugin-pipeline-common';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';

/** The entity names no job: say exactly what to add. */
export function MissingFlinkAnnotation() {
  return (
    <Alert
      status="info"
      title="No Flink job is linked to this entity"
      description={
        <Text as="span" variant="body-medium">
          Add <code>{`${FLINK_JOB_NAME_ANNOTATION}: <job name>`}</code> to the
          entity's <code>metadata.annotations</code>, e.g.{' '}
          <code>{`${FLINK_JOB_NAME_ANNOTATION}: commerce-orders-to-paimon`}</code>{' '}
          (the job's
          <code> pipeline.name</code> as the Flink dashboard shows it).
        </Text>
      }
    />
  );
}

export function JobNotDeployed(props: {
  jobName: string;
  instance: string;
  dashboardUrl?: string;
}) {
  return (
    <Alert
      status="warning"
      title={`Job "${props.jobName}" is not deployed`}
      description={
        <Text as="span" variant="body-medium">
          No job of that name is on the Flink cluster{' '}
          <strong>{props.instance}</strong>
          {props.dashboardUrl ? (
            <>
              {' '}
              (
              <a href={props.dashboardUrl} target="_blank" rel="noreferrer">
                open its dashboard
              </a>
              )
            </>
          ) : null}
          . Deploy the pipeline, or check that the annotation matches the job's
          name.
        </Text>
      }
    />
  );
}

/** Why a call failed; an unreachable Flink gets a message about Flink, not about the portal. */
export function FlinkCallFailed({
  error,
  what,
}: {
  error: Error;
  what: string;
}) {
  const down = error instanceof DataPlatformApiError && error.upstreamDown;
  return (
    <Alert
      status="danger"
      title={down ? 'Flink is not answering' : `Could not load ${what}`}
      description={
        <Text as="span" variant="body-medium">
          {error.message}
          {down
            ? '. Check that the Flink JobManager REST API (dataPlatform.upstreams.flink restUrl) is up and reachable from the portal backend.'
            : ''}
        </Text>
      }
    />
  );
}

/** The JobManager has no TaskManager: jobs cannot run, whatever their state says. */
export function NoTaskManager({ instance }: { instance: string }) {
  return (
    <Alert
      status="danger"
      title="No TaskManager (flink-taskmanager is down)"
      description={
        <Text as="span" variant="body-medium">
          The JobManager of {instance} has no TaskManager registered: no job
          runs until one joins. Start it (infra/local: stack start
          flink-taskmanager).
        </Text>
      }
    />
  );
}
