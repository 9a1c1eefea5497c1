import type {
  PipelineDeployRecord,
  PipelineObjectView,
  PipelineSavepointRecord,
} from '@internal/backstage-plugin-pipeline-common';
import { Button } from '@backstage/ui';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

/** What the pipeline claims on the stack. */
export function ObjectsTable({ objects }: { objects: PipelineObjectView[] }) {
  return (
    <SimpleTable
      label="Claimed objects"
      rows={objects}
      rowId={o => o.ref}
      empty="The pipeline claims nothing yet."
      columns={[
        { title: 'Kind', render: o => o.kind },
        { title: 'Name', render: o => o.name },
        { title: 'Instance', render: o => o.instance },
      ]}
    />
  );
}

/** Savepoints the pipeline's operations took; each can be resumed from. */
export function SavepointsTable(props: {
  savepoints: PipelineSavepointRecord[];
  onResume?: (savepoint: PipelineSavepointRecord) => void;
  busy: boolean;
}) {
  const { savepoints, onResume, busy } = props;
  return (
    <SimpleTable
      label="Savepoints"
      rows={savepoints}
      rowId={s => String(s.id)}
      empty="No savepoint yet: stopping the job takes one."
      columns={[
        { title: 'Taken', render: s => s.takenAt },
        { title: 'Why', render: s => `${s.reason} by ${s.actor}` },
        { title: 'Location', render: s => s.location },
        {
          title: 'Resume',
          render: s =>
            onResume ? (
              <Button
                variant="secondary"
                size="small"
                isDisabled={busy}
                onPress={() => onResume(s)}
                aria-label={`Resume from savepoint ${s.id}`}
              >
                Resume from this
              </Button>
            ) : (
              ''
            ),
        },
      ]}
    />
  );
}

/** Who did what, when, and how it ended. */
export function HistoryTable({ history }: { history: PipelineDeployRecord[] }) {
  return (
    <SimpleTable
      label="History"
      rows={history}
      rowId={h => String(h.id)}
      empty="No operation yet."
      columns={[
        { title: 'Started', render: h => h.startedAt },
        { title: 'Operation', render: h => h.operation },
        { title: 'By', render: h => h.actor },
        { title: 'Outcome', render: h => h.outcome },
        {
          title: 'Spec',
          render: h =>
            h.previousDigest && h.previousDigest !== h.specDigest
              ? `${h.previousDigest} → ${h.specDigest}`
              : h.specDigest ?? '',
        },
        { title: 'Message', render: h => h.message ?? '' },
      ]}
    />
  );
}
