import {
  Card,
  CardBody,
  CardHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import { PAIMON_TABLE_ANNOTATION } from '@internal/backstage-plugin-pipeline-common';
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

/**
 * Data versions at a glance: the newest commit on Nessie's main of the entity's table (the
 * commit callback records every Paimon snapshot there), the latest snapshot and the latest tag.
 */
export function DataVersionsCard() {
  const { tables, paimon } = useEntityVersions({ references: false });

  const table = paimon.value?.tables[0];
  let commit: ReactNode;
  let snapshot: ReactNode;
  let tag: ReactNode;
  if (!tables) {
    commit = '—';
    snapshot = <code>add {PAIMON_TABLE_ANNOTATION}: commerce.orders</code>;
    tag = '—';
  } else if (paimon.error) {
    commit = failed(paimon.error, 'Nessie');
    snapshot = failed(paimon.error, 'SQL Gateway');
    tag = '—';
  } else if (!table) {
    commit = loading('Loading the latest commit on main');
    snapshot = loading('Loading the latest snapshot');
    tag = loading('Loading the latest tag');
  } else if (table.state !== 'ok') {
    commit = '—';
    snapshot =
      table.state === 'missing'
        ? 'table not deployed'
        : 'could not read the table';
    tag = '—';
  } else {
    const latest = table.snapshots[0];
    if (paimon.value?.nessieLinkError)
      commit = (
        <Text
          as="span"
          color="danger"
          variant="body-small"
          title={paimon.value.nessieLinkError}
        >
          Nessie not answering
        </Text>
      );
    else
      commit = latest?.nessieHash ? (
        <Hash hash={latest.nessieHash} />
      ) : (
        'not recorded in Nessie'
      );
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
            {[table?.table ?? tables, 'Nessie main']
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Row label="Latest commit on main">{commit}</Row>
          <Row label="Latest Paimon snapshot">{snapshot}</Row>
          <Row label="Latest Paimon tag">{tag}</Row>
        </Flex>
      </CardBody>
    </Card>
  );
}
