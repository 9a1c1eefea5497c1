import type { Entity } from '@backstage/catalog-model';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Flex,
  Link,
  Skeleton,
  Text,
} from '@backstage/ui';
import { Fragment, type ReactNode } from 'react';
import {
  type LineageNode,
  pipelineVerdict,
  refOf,
  type Verdict,
} from '../../lineage';
import { LineageFlow } from './LineageFlow';
import { Pill } from './StatusChip';
import { useLiveStatuses } from './useLiveStatuses';
import {
  type SystemLineage,
  systemOf,
  useSystemLineage,
} from './useSystemLineage';

const VERDICT_PILL = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  pending: 'unknown',
  none: 'unknown',
} as const;

function VerdictLine({ verdict }: { verdict: Verdict }) {
  return (
    <Flex align="center" gap="2" role="status" aria-label="Pipeline verdict">
      <Pill tone={VERDICT_PILL[verdict.tone]}>{verdict.headline}</Pill>
      <Text variant="body-medium">{verdict.detail}</Text>
    </Flex>
  );
}

function EntityLinks({ nodes }: { nodes: LineageNode[] }) {
  const linkTo = useEntityRefLink();
  return (
    <>
      {nodes.map((n, i) => (
        <Fragment key={n.ref}>
          {i > 0 && ', '}
          <Link href={linkTo(n.entity)}>
            {n.entity.metadata.title ?? n.entity.metadata.name}
          </Link>
        </Fragment>
      ))}
    </>
  );
}

function LineageBody({
  value,
  currentRef,
}: {
  value: SystemLineage;
  currentRef: string;
}) {
  const { stages, unlinked } = value.lineage;
  const statuses = useLiveStatuses([
    ...stages.flatMap(s => s.nodes),
    ...unlinked,
  ]);
  const ordered = [...stages.flatMap(s => s.nodes), ...unlinked];
  return (
    <Flex direction="column" gap="4">
      <VerdictLine verdict={pipelineVerdict(ordered, statuses)} />
      {stages.length > 0 ? (
        <LineageFlow
          stages={stages}
          statuses={statuses}
          currentRef={currentRef}
        />
      ) : (
        <Text color="secondary">
          No dependsOn links between this system's members yet: add
          spec.dependsOn (e.g. a topic depends on its connector) to draw the
          flow.
        </Text>
      )}
      {unlinked.length > 0 && stages.length > 0 && (
        <Text variant="body-small" color="secondary">
          Also in this system, not linked by dependsOn:{' '}
          <EntityLinks nodes={unlinked} />
        </Text>
      )}
    </Flex>
  );
}

function LineageCardFrame({
  systemLink,
  children,
}: {
  systemLink?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <Flex align="baseline" gap="2">
          <Text as="h3" variant="title-small">
            Pipeline lineage
          </Text>
          {systemLink}
        </Flex>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

function SystemLineageCard({ entity }: { entity: Entity }) {
  const linkTo = useEntityRefLink();
  const { loading, error, value } = useSystemLineage(entity);
  const currentRef = refOf(entity);
  if (loading) {
    return (
      <LineageCardFrame>
        <Skeleton width="100%" height={80} />
      </LineageCardFrame>
    );
  }
  if (error) {
    return (
      <LineageCardFrame>
        <Alert
          status="warning"
          title="Could not read the system's members from the catalog"
          description={error.message}
        />
      </LineageCardFrame>
    );
  }
  if (!value) return null;
  const systemLink =
    value.systemRef === currentRef ? undefined : (
      <Text variant="body-small" color="secondary">
        of{' '}
        <Link href={linkTo(value.systemRef)}>
          {value.systemRef.replace(/^system:(default\/)?/, '')}
        </Link>
      </Text>
    );
  return (
    <LineageCardFrame systemLink={systemLink}>
      <LineageBody value={value} currentRef={currentRef} />
    </LineageCardFrame>
  );
}

/**
 * The pipeline of the entity's System as a flow of stages, from sources to serving, each node
 * with its live status; on a member's page the member is highlighted. Renders nothing for an
 * entity outside any System, or a System whose members name no pipeline object.
 */
export function EntityLineageCard() {
  const { entity } = useEntity();
  return systemOf(entity) ? <SystemLineageCard entity={entity} /> : null;
}
