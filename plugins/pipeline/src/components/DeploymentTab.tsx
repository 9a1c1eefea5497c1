import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import { type ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pipelineApiRef } from '../api/PipelineApi';
import { DeploymentSummary } from './DeploymentSummary';
import { HistoryTable, ObjectsTable, SavepointsTable } from './HistorySections';
import { PipelineActions } from './PipelineActions';
import { RestorePoints } from './RestorePoints';

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

/**
 * A pipeline's Deployment tab: what the pipeline registry records for it (owner, objects,
 * deployed digest), the spec at HEAD against it, the plan before anything changes, and the
 * day-2 actions with the history and savepoints they leave.
 */
export function DeploymentTab() {
  const { entity } = useEntity();
  const api = useApi(pipelineApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getPipelineForEntity(entityRef),
    [api, entityRef],
  );
  const [resuming, setResuming] = useState(false);
  const [resumed, setResumed] = useState<{ ok: boolean; message: string }>();
  const resumeFrom = async (id: string, savepointId: number) => {
    setResuming(true);
    try {
      const res = await api.resume(id, savepointId);
      setResumed({ ok: true, message: res.record.message ?? 'resumed' });
      retry();
    } catch (e) {
      setResumed({ ok: false, message: (e as Error).message });
    } finally {
      setResuming(false);
    }
  };

  if (error)
    return error instanceof DataPlatformApiError && error.status === 404 ? (
      <Alert
        status="info"
        title={`${entityRef} is not a pipeline in the pipeline registry: pipelines are registered when a template publishes them, or from the platform's config.`}
      />
    ) : (
      <Alert
        status="danger"
        title={`The pipeline registry could not be read: ${error.message}`}
      />
    );
  if (loading && !value)
    return (
      <Flex direction="column" gap="3" aria-label="Loading the deployment">
        <Skeleton width="100%" height={120} />
        <Skeleton width="100%" height={200} />
      </Flex>
    );
  if (!value) return null;

  return (
    <Flex direction="column" gap="4">
      <Section title={`Deployment of ${value.id}`}>
        <Flex direction="column" gap="3">
          <DeploymentSummary view={value} />
          <PipelineActions view={value} onDone={retry} />
        </Flex>
      </Section>
      <Section title="Savepoints">
        <Flex direction="column" gap="2">
          {resumed ? (
            <Alert
              status={resumed.ok ? 'success' : 'danger'}
              title={resumed.message}
            />
          ) : null}
          <SavepointsTable
            savepoints={value.savepoints}
            busy={loading || resuming}
            onResume={
              value.allowed.deploy ? s => resumeFrom(value.id, s.id) : undefined
            }
          />
        </Flex>
      </Section>
      <Section title="Restore points">
        <RestorePoints api={api} view={value} onDone={retry} />
      </Section>
      <Section title="History">
        <HistoryTable history={value.history} />
      </Section>
      <Section title="Claimed objects">
        <ObjectsTable objects={value.objects} />
      </Section>
    </Flex>
  );
}
