import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { Alert, Button, Flex, Select, Text } from '@backstage/ui';
import { useApi } from '@backstage/frontend-plugin-api';
import { DataPlatformApiError } from '@internal/backstage-plugin-pipeline-react';
import type { RunnableQueryKind } from '@internal/backstage-plugin-pipeline-common';
import { trinoApiRef } from '../api/TrinoApi';
import { errorText } from './common';
import { PreviewTable } from './PreviewTable';

const KINDS: Array<{ id: RunnableQueryKind; label: string }> = [
  { id: 'preview', label: 'Preview rows' },
  { id: 'count', label: 'Row count' },
  { id: 'freshness', label: 'Freshness' },
  { id: 'snapshots', label: 'Snapshots' },
  { id: 'timeTravel', label: 'Time travel (snapshot)' },
];
const LIMITS = ['10', '50', '100', '500'].map(id => ({
  id,
  label: `${id} rows`,
}));

function runError(error: unknown): string {
  if (error instanceof DataPlatformApiError && error.forbidden)
    return 'You are not allowed to run Trino previews of this entity (permission dataplatform.trino.preview).';
  return errorText(error);
}

/** Runs one prepared query on the backend, read-only and row-limited, and shows the rows. */
export function PreviewPanel({
  entityRef,
  latestSnapshotId,
}: {
  entityRef: string;
  latestSnapshotId?: string;
}) {
  const trino = useApi(trinoApiRef);
  const [kind, setKind] = useState<RunnableQueryKind>('preview');
  const [limit, setLimit] = useState('50');
  const [snapshotId, setSnapshotId] = useState<string | undefined>(
    latestSnapshotId,
  );
  const snapshots = useAsync(
    async () =>
      kind === 'timeTravel' ? trino.snapshots(entityRef) : undefined,
    [trino, entityRef, kind],
  );
  const [run, execute] = useAsyncFn(
    () =>
      trino.preview({
        entityRef,
        query: kind,
        limit: Number(limit),
        snapshotId: kind === 'timeTravel' ? snapshotId : undefined,
      }),
    [trino, entityRef, kind, limit, snapshotId],
  );
  const snapshotOptions = (snapshots.value ?? []).map(s => ({
    id: s.snapshotId,
    label: `${s.snapshotId} · ${s.committedAt} · ${s.operation}`,
  }));
  return (
    <Flex direction="column" gap="3">
      <Flex align="end" gap="3" style={{ flexWrap: 'wrap' }}>
        <div style={{ width: 240 }}>
          <Select
            label="Query"
            options={KINDS}
            value={kind}
            onChange={v => setKind(String(v) as RunnableQueryKind)}
          />
        </div>
        <div style={{ width: 150 }}>
          <Select
            label="Row limit"
            options={LIMITS}
            value={limit}
            onChange={v => setLimit(String(v))}
          />
        </div>
        {kind === 'timeTravel' && (
          <div style={{ width: 420 }}>
            <Select
              label="Snapshot"
              options={snapshotOptions}
              value={snapshotId ?? null}
              onChange={v => setSnapshotId(v === null ? undefined : String(v))}
              placeholder={
                snapshots.loading ? 'Loading snapshots…' : 'Pick a snapshot'
              }
            />
          </div>
        )}
        <Button
          variant="primary"
          onPress={() => execute()}
          isDisabled={run.loading || (kind === 'timeTravel' && !snapshotId)}
        >
          {run.loading ? 'Running…' : 'Run preview'}
        </Button>
      </Flex>
      {snapshots.error && (
        <Alert
          status="warning"
          title="Snapshots unavailable"
          description={errorText(snapshots.error)}
        />
      )}
      {run.error && (
        <Alert
          status="danger"
          title="Preview failed"
          description={runError(run.error)}
        />
      )}
      {run.value && (
        <Flex direction="column" gap="2">
          <Text variant="body-small" color="secondary">
            {run.value.rows.length} row{run.value.rows.length === 1 ? '' : 's'}
            {run.value.truncated
              ? ` (stopped at the limit of ${limit})`
              : ''} · <code>{run.value.sql}</code>
          </Text>
          <PreviewTable result={run.value} />
        </Flex>
      )}
    </Flex>
  );
}
