import useAsync from 'react-use/esm/useAsync';
import { Alert, Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { isPaimonTableAvailable } from '@internal/backstage-plugin-pipeline-common';
import { trinoApiRef } from '../api/TrinoApi';
import {
  MissingAnnotation,
  QueryList,
  TableHeading,
  TableStatus,
  errorText,
} from './common';
import { Freshness } from './Freshness';

/** "Query in Trino": the table's name in Trino, a UI link, freshness vs SLO and SQL to copy. */
export function TrinoCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const trino = useApi(trinoApiRef);
  const annotated = isPaimonTableAvailable(entity);
  const overview = useAsync(
    async () => (annotated ? trino.overview(entityRef) : undefined),
    [trino, entityRef, annotated],
  );
  let body;
  if (!annotated) body = <MissingAnnotation />;
  else if (overview.loading)
    body = <Text color="secondary">Asking Trino…</Text>;
  else if (overview.error || !overview.value)
    body = (
      <Alert
        status="danger"
        title="Trino table unavailable"
        description={errorText(overview.error)}
      />
    );
  else {
    const o = overview.value;
    body = (
      <Flex direction="column" gap="3">
        <TableHeading overview={o} />
        <TableStatus overview={o} />
        {o.status === 'ready' && <Freshness entityRef={entityRef} />}
        <QueryList queries={o.queries.filter(q => q.kind !== 'snapshots')} />
      </Flex>
    );
  }
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small" as="h2">
          Query in Trino
        </Text>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
