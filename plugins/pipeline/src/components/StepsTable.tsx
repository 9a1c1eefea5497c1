import type { PipelineStepView } from '@internal/backstage-plugin-pipeline-common';
import { SimpleTable } from '@internal/backstage-plugin-pipeline-react';

interface ChangeRow {
  id: string;
  step: string;
  component: string;
  target: string;
  outcome: string;
  detail?: string;
}

/** Every change of a plan or an operation, step by step, in deploy order. */
export function StepsTable(props: {
  label: string;
  steps: PipelineStepView[];
}) {
  const rows: ChangeRow[] = props.steps.flatMap((s, i) =>
    s.changes.length
      ? s.changes.map((c, j) => ({
          id: `${i}-${j}`,
          step: s.step,
          component: s.component,
          ...c,
        }))
      : [
          {
            id: `${i}`,
            step: s.step,
            component: s.component,
            target: '—',
            outcome: 'nothing to do',
          },
        ],
  );
  return (
    <SimpleTable
      label={props.label}
      rows={rows}
      rowId={r => r.id}
      empty="No steps."
      columns={[
        { title: 'Step', render: r => `${r.step} (${r.component})` },
        { title: 'Object', render: r => r.target },
        { title: 'Outcome', render: r => r.outcome },
        { title: 'Detail', render: r => r.detail ?? '' },
      ]}
    />
  );
}
