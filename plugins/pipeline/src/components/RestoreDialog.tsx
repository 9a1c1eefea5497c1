import {
  Alert,
  Button,
  Checkbox,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Skeleton,
  Text,
} from '@backstage/ui';
import type {
  ConnectorOffsetView,
  PipelineRestorePlan,
  PipelineRestorePointView,
} from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import type { PipelineApi } from '../api/PipelineApi';

/** `binlog.000001:1744007 (gtids 0-101-5357)`, or the offset as JSON for other connectors. */
export function offsetText(offsets: ConnectorOffsetView[]): string {
  if (!offsets.length) return 'none committed';
  return offsets
    .map(({ offset }) => {
      if (!offset) return 'reset';
      if (offset.file !== undefined)
        return `${offset.file}:${offset.pos}${
          offset.gtids ? ` (gtids ${offset.gtids})` : ''
        }`;
      if (offset.lsn !== undefined) return `LSN ${offset.lsn}`;
      return JSON.stringify(offset);
    })
    .join('; ');
}

function PlanBody({ plan }: { plan: PipelineRestorePlan }) {
  return (
    <Flex direction="column" gap="3">
      <Text as="p" variant="body-medium" aria-label="job change">
        Job <strong>{plan.job.name}</strong>:{' '}
        {plan.job.liveJobId
          ? `${plan.job.liveJobId} (${plan.job.state}) stops with a savepoint (kept, the way back), then `
          : 'not running; '}
        resumes from the restore point's savepoint {plan.job.resumeFrom}.
      </Text>
      <SimpleTable
        label="Tables to restore"
        rows={plan.tables}
        rowId={t => t.table}
        empty="No table."
        columns={[
          { title: 'Table', render: t => <code>{t.table}</code> },
          {
            title: 'Snapshot',
            render: t =>
              `${t.currentSnapshotId ?? '—'} now → content of ${
                t.snapshotId
              } (tag ${t.paimonTag})`,
          },
          {
            title: 'Restorable',
            render: t => (t.restorable ? 'yes' : t.problem ?? 'no'),
          },
        ]}
      />
      <SimpleTable
        label="Connector offsets to restore"
        rows={plan.connectors}
        rowId={c => c.name}
        empty="The pipeline has no source connector."
        columns={[
          { title: 'Connector', render: c => c.name },
          {
            title: 'Now',
            render: c => `${c.state ?? '?'}, ${offsetText(c.current)}`,
          },
          { title: 'Restored to', render: c => offsetText(c.target) },
        ]}
      />
      <Text as="p" variant="body-small" color="secondary">
        Each table is rewritten from its Paimon tag as a new snapshot, which
        Nessie's main records (Trino reads it at once). Then the connectors
        re-read the source from the recorded offsets and the job re-reads its
        topics from the savepoint: the tables catch up with the source. Changes
        since the restore point are replayed, not lost.
      </Text>
      {plan.problems.length ? (
        <Alert
          status="danger"
          title="This restore point cannot be restored"
          description={plan.problems.join('; ')}
        />
      ) : null}
    </Flex>
  );
}

/**
 * The confirmation of a restore: what will change — the job, each table and its target
 * snapshot, each connector's offsets — read from the stack before anything happens; the
 * restore request repeats the name the plan showed.
 */
export function RestoreDialog(props: {
  api: PipelineApi;
  pipeline: string;
  point?: PipelineRestorePointView;
  onClose: () => void;
  onDone: (outcome: { ok: boolean; message: string }) => void;
}) {
  const { api, pipeline, point, onClose, onDone } = props;
  const [busy, setBusy] = useState(false);
  const [hold, setHold] = useState(false);
  const plan = useAsync(
    async () => (point ? api.restorePlan(pipeline, point.id) : undefined),
    [api, pipeline, point?.id],
  );
  const run = async () => {
    if (!plan.value || !point) return;
    setBusy(true);
    try {
      const res = await api.restore(pipeline, point.id, {
        confirm: plan.value.confirm,
        hold,
      });
      onDone({ ok: true, message: res.record.message ?? 'restored' });
    } catch (e) {
      onDone({ ok: false, message: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      isOpen={point !== undefined}
      onOpenChange={open => !open && !busy && onClose()}
      width={900}
    >
      {point ? (
        <>
          <DialogHeader>{`Restore ${pipeline} to ${point.name}?`}</DialogHeader>
          <DialogBody>
            {plan.error ? (
              <Alert
                status="danger"
                title={`What the restore would change could not be read: ${plan.error.message}`}
              />
            ) : null}
            {plan.loading ? (
              <Skeleton
                width="100%"
                height={160}
                aria-label="Reading the restore plan"
              />
            ) : null}
            {plan.value ? <PlanBody plan={plan.value} /> : null}
            <Checkbox isSelected={hold} onChange={setHold}>
              Hold after the restore: leave the job and connectors stopped to
              inspect the tables, then Resume from the restore point's savepoint
            </Checkbox>
          </DialogBody>
          <DialogFooter>
            <Button variant="secondary" isDisabled={busy} onPress={onClose}>
              Cancel
            </Button>
            <Button
              variant="primary"
              destructive
              isPending={busy}
              isDisabled={!plan.value || plan.value.problems.length > 0}
              onPress={run}
            >
              Restore
            </Button>
          </DialogFooter>
        </>
      ) : null}
    </Dialog>
  );
}
