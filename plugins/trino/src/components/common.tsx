import { useState } from 'react';
import { Alert, Button, Flex, Link, Text } from '@backstage/ui';
import {
  PAIMON_TABLE_ANNOTATION,
  type PreparedQuery,
  type TableOverview,
} from '@internal/backstage-plugin-pipeline-common';

/** The error's message: for a failed call, the backend's own words. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const displayName = (o: TableOverview) =>
  `${o.table.catalog}.${o.table.schema}.${o.table.table}`;

export function MissingAnnotation() {
  return (
    <Alert
      status="info"
      title="No Paimon table on this entity"
      description={
        <>
          Add <code>{`${PAIMON_TABLE_ANNOTATION}: commerce.<table>`}</code> to{' '}
          <code>metadata.annotations</code> in its catalog-info.yaml, e.g.{' '}
          <code>{PAIMON_TABLE_ANNOTATION}: commerce.orders</code>.
        </>
      }
    />
  );
}

/** Trino down, or the table not there yet: the links and SQL still work, so say it and go on. */
export function TableStatus({ overview }: { overview: TableOverview }) {
  if (overview.status === 'unavailable') {
    return (
      <Alert
        status="danger"
        title="Trino is not answering"
        description={`${
          overview.message ?? ''
        } — the links and SQL below still work once Trino is back.`}
      />
    );
  }
  if (overview.status === 'missing') {
    return (
      <Alert
        status="warning"
        title={`${displayName(overview)} is not readable yet`}
        description="The table has not been created or synced yet: deploy its pipeline, or wait for Paimon's first commit to publish the Iceberg metadata Trino reads."
      />
    );
  }
  return null;
}

export function TableHeading({ overview }: { overview: TableOverview }) {
  return (
    <Flex align="center" justify="between" gap="3">
      <Text variant="title-x-small" as="p">
        <code>{displayName(overview)}</code>
      </Text>
      {overview.uiUrl && (
        <Link href={overview.uiUrl} target="_blank" rel="noopener noreferrer">
          Open Trino UI
        </Link>
      )}
    </Flex>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="small"
      variant="secondary"
      aria-label={`Copy ${label}`}
      onPress={async () => {
        await navigator.clipboard.writeText(text);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
    >
      {copied ? 'Copied' : 'Copy'}
    </Button>
  );
}

export function QueryList({ queries }: { queries: PreparedQuery[] }) {
  return (
    <Flex direction="column" gap="3">
      {queries.map(q => (
        <Flex key={q.kind} direction="column" gap="1">
          <Flex align="center" justify="between">
            <Text variant="body-small" weight="bold">
              {q.title}
            </Text>
            <CopyButton text={q.sql} label={`${q.title} SQL`} />
          </Flex>
          <pre
            style={{
              margin: 0,
              padding: 8,
              whiteSpace: 'pre-wrap',
              wordBreak: 'break-all',
              fontSize: 12,
              background: 'var(--bui-bg-surface-2, rgba(127,127,127,0.1))',
              borderRadius: 4,
            }}
          >
            {q.sql}
          </pre>
          {q.note && (
            <Text variant="body-x-small" color="secondary">
              {q.note}
            </Text>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
