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
import { PreviewPanel } from './PreviewPanel';

function Section({
  title,
  children,
}: {
  title: string;
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <Text variant="title-small" as="h2">
          {title}
        </Text>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

/** The Trino tab: table, freshness, the preview with time travel, and the prepared SQL. */
export function TrinoContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const trino = useApi(trinoApiRef);
  const annotated = isPaimonTableAvailable(entity);
  const overview = useAsync(
    async () => (annotated ? trino.overview(entityRef) : undefined),
    [trino, entityRef, annotated],
  );
  if (!annotated) return <MissingAnnotation />;
  if (overview.loading) return <Text color="secondary">Asking Trino…</Text>;
  if (overview.error || !overview.value) {
    return (
      <Alert
        status="danger"
        title="Trino table unavailable"
        description={errorText(overview.error)}
      />
    );
  }
  const o = overview.value;
  return (
    <Flex direction="column" gap="4">
      <Section title="Table in Trino">
        <Flex direction="column" gap="3">
          <TableHeading overview={o} />
          <TableStatus overview={o} />
          {o.status === 'ready' && <Freshness entityRef={entityRef} />}
        </Flex>
      </Section>
      {o.status === 'ready' && (
        <Section title="Preview">
          <PreviewPanel
            entityRef={entityRef}
            latestSnapshotId={o.latestSnapshotId}
          />
        </Section>
      )}
      <Section title="Prepared queries">
        <QueryList queries={o.queries} />
      </Section>
    </Flex>
  );
}
