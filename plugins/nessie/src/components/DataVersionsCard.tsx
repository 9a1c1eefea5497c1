import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import {
  NESSIE_BRANCH_ANNOTATION,
  PAIMON_TABLE_ANNOTATION,
} from '@internal/backstage-plugin-pipeline-common';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import type { ReactNode } from 'react';
import { formatTime } from './format';
import { Hash } from './Problems';
import { useEntityVersions } from './useVersions';

function Row(props: { label: string; children: ReactNode }) {
  return (
    <Flex justify="between" gap="3" align="center">
      <Text variant="body-medium" color="secondary">
        {props.label}
      </Text>
      <Text as="span" variant="body-medium" style={{ textAlign: 'right' }}>
        {props.children}
      </Text>
    </Flex>
  );
}

const failed = (error: Error, upstream: string) => (
  <Text as="span" color="danger" variant="body-small" title={error.message}>
    {error instanceof DataPlatformApiError && error.upstreamDown
      ? `${upstream} not answering`
      : `could not load: ${error.message}`}
  </Text>
);

const loading = (label: string) => (
  <Skeleton width={120} height={16} aria-label={label} />
);

/** Data versions at a glance: the branch head in Nessie, the latest Paimon snapshot and tag. */
export function DataVersionsCard() {
  const { branch, tables, references, paimon } = useEntityVersions();

  let head: ReactNode;
  if (!branch)
    head = <code>add {NESSIE_BRANCH_ANNOTATION}: finance/daily</code>;
  else if (references.error) head = failed(references.error, 'Nessie');
  else if (!references.value) head = loading('Loading the branch head');
  else
    head = references.value.branchHead ? (
      <Hash hash={references.value.branchHead} />
    ) : (
      `${branch} not created yet`
    );

  const table = paimon.value?.tables[0];
  let snapshot: ReactNode;
  let tag: ReactNode;
  if (!tables) {
    snapshot = <code>add {PAIMON_TABLE_ANNOTATION}: commerce.orders</code>;
    tag = '—';
  } else if (paimon.error) {
    snapshot = failed(paimon.error, 'SQL Gateway');
    tag = '—';
  } else if (!table) {
    snapshot = loading('Loading the latest snapshot');
    tag = loading('Loading the latest tag');
  } else if (table.state !== 'ok') {
    snapshot =
      table.state === 'missing'
        ? 'table not deployed'
        : 'could not read the table';
    tag = '—';
  } else {
    const latest = table.snapshots[0];
    snapshot = latest
      ? `#${latest.snapshotId} at ${formatTime(latest.commitTime)}`
      : 'no snapshot yet';
    tag = table.tags[0] ? <code>{table.tags[0].name}</code> : 'no tags';
  }

  return (
    <Card>
      <CardHeader>
        <Flex direction="column" gap="1">
          <Text as="h3" variant="title-small">
            Data versions
          </Text>
          <Text variant="body-small" color="secondary">
            {[branch && `Nessie ${branch}`, table?.table ?? tables]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Row label="Branch head">{head}</Row>
          <Row label="Latest Paimon snapshot">{snapshot}</Row>
          <Row label="Latest Paimon tag">{tag}</Row>
        </Flex>
      </CardBody>
    </Card>
  );
}
