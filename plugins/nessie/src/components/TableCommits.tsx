import { Badge, Button, Flex, Text } from '@backstage/ui';
import type {
  TableCommitChangeView,
  TableCommitView,
  VersionTablesView,
} from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { NessieApi } from '../api/NessieApi';
import { formatTime } from './format';
import { CallFailed, Hash, Loading } from './Problems';

const PAGE = 20;

/** Where the tables come from, said in the tab: the registry's claims or the annotation. */
export function tablesSource(tables: VersionTablesView): string {
  const names = tables.tables.join(', ') || 'none';
  return tables.source === 'registry'
    ? `Tables of pipeline ${tables.pipeline} in the pipeline registry: ${names}`
    : `Tables of the entity's dataplatform.io/paimon-table annotation: ${names}`;
}

function Kind({ commit }: { commit: TableCommitView }) {
  if (commit.kind === 'restore')
    return <Badge>{`restore to ${commit.restorePoint}`}</Badge>;
  if (commit.kind === 'other')
    return (
      <Text variant="body-small" color="secondary">
        other write
      </Text>
    );
  return <Text variant="body-small">{commit.commitKind ?? 'snapshot'}</Text>;
}

/**
 * The audit trail of the entity's tables: the commits on Nessie's `main` that touch them, newest
 * first — one per Paimon snapshot (the commit callback records each), with which table, which
 * snapshot, when, and the commit hash.
 */
export function TableCommits(props: { api: NessieApi; entityRef: string }) {
  const { api, entityRef } = props;
  const first = useAsyncRetry(
    () => api.getTableCommits(entityRef, { limit: PAGE }),
    [api, entityRef],
  );
  const [older, setOlder] = useState<{
    entries: TableCommitView[];
    next?: string;
  }>();
  const [olderError, setOlderError] = useState<Error>();
  useEffect(() => setOlder(undefined), [first.value]);

  if (first.error)
    return (
      <CallFailed
        error={first.error}
        upstream="Nessie"
        what="the table commits on main"
      />
    );
  if (!first.value)
    return <Loading label="Loading the table commits on main" rows={5} />;

  const { tables } = first.value;
  const entries = [...first.value.entries, ...(older?.entries ?? [])];
  const next = older ? older.next : first.value.nextPageToken;
  const loadOlder = async () => {
    try {
      const page = await api.getTableCommits(entityRef, {
        limit: PAGE,
        pageToken: next,
      });
      setOlder({
        entries: [...(older?.entries ?? []), ...page.entries],
        next: page.nextPageToken,
      });
    } catch (e) {
      setOlderError(e as Error);
    }
  };
  // One row per table a commit changed (a restore or a namespace commit may change several).
  const none: TableCommitChangeView[] = [{ table: '—' }];
  const rows = entries.flatMap(c =>
    (c.changes.length ? c.changes : none).map(change => ({
      commit: c,
      change,
      id: `${c.hash}:${change.table}`,
    })),
  );
  return (
    <Flex direction="column" gap="2">
      <Text variant="body-small" color="secondary">
        {tablesSource(tables)}
      </Text>
      <SimpleTable
        label="Table commits on main"
        rows={rows}
        rowId={r => r.id}
        empty={
          tables.tables.length
            ? 'No commit on main touches these tables yet: a table appears here with its first Paimon snapshot after the commit callback was set on it (the paimon-tables deploy step sets it).'
            : 'This entity names no Paimon table.'
        }
        columns={[
          { title: 'Commit', render: r => <Hash hash={r.commit.hash} /> },
          { title: 'Table', render: r => <code>{r.change.table}</code> },
          {
            title: 'Snapshot',
            render: r =>
              r.change.deleted ? 'removed' : r.change.snapshotId ?? '—',
          },
          { title: 'Kind', render: r => <Kind commit={r.commit} /> },
          { title: 'When', render: r => formatTime(r.commit.time) },
          { title: 'By', render: r => r.commit.author ?? '—' },
        ]}
      />
      {olderError ? (
        <CallFailed
          error={olderError}
          upstream="Nessie"
          what="older table commits"
        />
      ) : null}
      {next ? (
        <Button variant="secondary" size="small" onPress={loadOlder}>
          Older commits
        </Button>
      ) : null}
    </Flex>
  );
}
