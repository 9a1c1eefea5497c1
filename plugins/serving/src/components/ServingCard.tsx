import useAsync from 'react-use/esm/useAsync';
import { Alert, Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { SERVING_SINKS_ANNOTATION } from '@internal/backstage-plugin-pipeline-common';
import { servingApiRef } from '../api/ServingApi';
import { errorText } from './format';
import { TargetPanel } from './TargetPanel';

/**
 * "Serving store": per serving target of the entity (Cassandra table, CouchDB database), its
 * rows, last write and write latency from the source commit, and a lookup by key.
 */
export function ServingCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(servingApiRef);
  const targets = useAsync(() => api.targets(entityRef), [api, entityRef]);
  let body;
  if (targets.loading)
    body = <Text color="secondary">Reading the serving targets…</Text>;
  else if (targets.error || !targets.value)
    body = (
      <Alert
        status="danger"
        title="Serving targets unavailable"
        description={`${errorText(
          targets.error,
        )} (annotation ${SERVING_SINKS_ANNOTATION})`}
      />
    );
  else
    body = (
      <Flex direction="column" gap="4">
        {targets.value.targets.map(t => (
          <TargetPanel key={t.id} entityRef={entityRef} target={t} />
        ))}
      </Flex>
    );
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small" as="h2">
          Serving store
        </Text>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
