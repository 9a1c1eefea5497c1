import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
} from '@backstage/ui';
import type {
  PipelineRestorePointView,
  PipelineView,
} from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';
import { useState } from 'react';
import type { PipelineApi } from '../api/PipelineApi';
import { offsetText, RestoreDialog } from './RestoreDialog';

/**
 * The pipeline's restore points with what each binds, "Create restore point", and a Restore
 * per point (after its confirmation) — each offered only to who may.
 */
export function RestorePoints(props: {
  api: PipelineApi;
  view: PipelineView;
  onDone: () => void;
}) {
  const { api, view, onDone } = props;
  const points = view.restorePoints ?? [];
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<PipelineRestorePointView>();
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string }>();

  const create = async () => {
    setBusy(true);
    try {
      const res = await api.createRestorePoint(view.id);
      setOutcome({
        ok: true,
        message: `Created ${res.restorePoint?.name ?? 'the restore point'}`,
      });
      onDone();
    } catch (e) {
      setOutcome({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
      setCreating(false);
    }
  };

  return (
    <Flex direction="column" gap="2">
      {view.allowed.restorePoint ? (
        <Flex>
          <Button
            variant="secondary"
            isDisabled={busy || view.status !== 'deployed'}
            onPress={() => setCreating(true)}
          >
            Create restore point…
          </Button>
        </Flex>
      ) : null}
      {outcome ? (
        <Alert
          status={outcome.ok ? 'success' : 'danger'}
          title={outcome.message}
        />
      ) : null}
      <SimpleTable
        label="Restore points"
        rows={points}
        rowId={p => String(p.id)}
        empty="No restore point yet."
        columns={[
          {
            title: 'Restore point',
            render: p => (
              <Flex direction="column" gap="1">
                <code>{p.name}</code>
                <Text variant="body-small" color="secondary">
                  {`${p.createdAt} by ${p.createdBy}`}
                </Text>
              </Flex>
            ),
          },
          {
            title: 'Tables (Paimon tag, snapshot)',
            render: p =>
              p.tables
                .map(t => `${t.table} @ ${t.paimonTag} #${t.snapshotId}`)
                .join(', '),
          },
          {
            title: 'Connector offsets',
            render: p =>
              p.connectors
                .map(c => `${c.name}: ${offsetText(c.offsets)}`)
                .join('; ') || '—',
          },
          { title: 'Savepoint', render: p => p.savepoint.location },
          {
            title: 'Restored',
            render: p =>
              p.lastRestoredAt
                ? `${p.lastRestoredAt} by ${p.lastRestoredBy}`
                : 'never',
          },
          {
            title: 'Restore',
            render: p =>
              view.allowed.restore ? (
                <Button
                  size="small"
                  variant="secondary"
                  destructive
                  isDisabled={busy}
                  aria-label={`Restore to ${p.name}`}
                  onPress={() => setRestoring(p)}
                >
                  Restore…
                </Button>
              ) : (
                ''
              ),
          },
        ]}
      />

      <Dialog
        isOpen={creating}
        onOpenChange={o => !o && !busy && setCreating(false)}
      >
        <DialogHeader>{`Create a restore point of ${view.name}?`}</DialogHeader>
        <DialogBody>
          <Text as="p" variant="body-medium">
            The connectors' offsets are recorded, the job stops with a savepoint
            and resumes from it at once (a pause of seconds), and each table
            gets a Paimon tag at the snapshot Nessie's main records for it, with
            a Nessie tag on that commit. Restoring later brings all of them back
            together.
          </Text>
        </DialogBody>
        <DialogFooter>
          <Button
            variant="secondary"
            isDisabled={busy}
            onPress={() => setCreating(false)}
          >
            Cancel
          </Button>
          <Button variant="primary" isPending={busy} onPress={create}>
            Create restore point
          </Button>
        </DialogFooter>
      </Dialog>

      <RestoreDialog
        api={api}
        pipeline={view.id}
        point={restoring}
        onClose={() => setRestoring(undefined)}
        onDone={result => {
          setRestoring(undefined);
          setOutcome(result);
          onDone();
        }}
      />
    </Flex>
  );
}
