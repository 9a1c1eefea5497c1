import { useState } from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EditorView } from '@codemirror/view';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { delay, http, HttpResponse } from 'msw';
import {
  fraudSignalsSelect,
  SelectCheckRequest,
} from '@internal/backstage-plugin-pipeline-common';
import {
  mockBackendBaseUrl,
  mockBackendDeps,
  setupRecordingMsw,
} from '@internal/backstage-plugin-pipeline-react/testUtils';
import { pipelineFormsApiRef } from '../api/PipelineFormsApi';
import { PipelineFormsClient } from '../api/PipelineFormsClient';
import { FlinkSqlField } from './FlinkSqlField';

const { server, requests } = setupRecordingMsw();
const checkUrl = `${mockBackendBaseUrl('flink')}/select-check`;

const form = {
  name: 'team-fraud',
  owner: 'group:default/risk-team',
  cep: { failedAttempts: 4, windowMinutes: 10 },
  selects: { fraud_signals: '' },
};

/** The planner as the backend reports it: rejects `FROMM`, accepts anything else. */
function fakePlanner(latencyMs = 0) {
  const bodies: SelectCheckRequest[] = [];
  server.use(
    http.post(checkUrl, async ({ request }) => {
      const body = (await request.json()) as SelectCheckRequest;
      bodies.push(body);
      await delay(latencyMs);
      const lines = body.select.split('\n');
      const bad = lines.findIndex(l => l.includes('FROMM'));
      if (bad >= 0)
        return HttpResponse.json({
          status: 'rejected',
          scope: 'select',
          message: `SqlParserException: SQL parse failed. Encountered "behavior" at line ${
            bad + 1
          }, column 9.`,
          position: { line: bad + 1, column: 9 },
          elapsedMs: 2100,
        });
      return HttpResponse.json({
        status: 'accepted',
        plan: '== Abstract Syntax Tree ==',
        planLines: 42,
        elapsedMs: 2300,
      });
    }),
  );
  return bodies;
}

/** The field as the scaffolder form holds it: controlled, with the whole form as context. */
function Harness(props: { initial?: string; onValue?: (v: string) => void }) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <FlinkSqlField
      {...({} as any)}
      formData={value}
      onChange={(v: string) => {
        setValue(v);
        props.onValue?.(v);
      }}
      schema={{ type: 'string', title: 'SELECT of fraud_signals' }}
      uiSchema={{
        'ui:options': { shape: 'fraud-cep', table: 'fraud_signals' },
      }}
      formContext={{ formData: { ...form, selects: { fraud_signals: value } } }}
      idSchema={{ $id: 'root_selects_fraud_signals' }}
      rawErrors={[]}
      required={false}
      disabled={false}
    />
  );
}

async function renderField(initial?: string, onValue?: (v: string) => void) {
  await renderInTestApp(<Harness initial={initial} onValue={onValue} />, {
    apis: [[pipelineFormsApiRef, new PipelineFormsClient(mockBackendDeps())]],
  });
  const content = await screen.findByRole('textbox', {
    name: 'SELECT of fraud_signals',
  });
  return EditorView.findFromDOM(content.closest('.cm-editor') as HTMLElement)!;
}

/** What a user typing a whole new text into the editor does to it. */
const type = (view: EditorView, text: string) =>
  act(() => {
    view.dispatch({
      changes: { from: 0, to: view.state.doc.length, insert: text },
    });
  });

const status = () => screen.getByTestId('sql-check-fraud_signals');

/** A debounce, a planner latency and a slow CI machine: waits need more than 1 s. */
const eventually = (assertion: () => void) =>
  waitFor(assertion, { timeout: 8000 });

describe('FlinkSqlField', () => {
  it('shows the shape’s SELECT for the form’s CEP parameters and has the planner check it', async () => {
    const bodies = fakePlanner();
    const view = await renderField();
    expect(view.state.doc.toString()).toBe(
      fraudSignalsSelect({ failedAttempts: 4, windowMinutes: 10 }),
    );
    expect(view.state.doc.toString()).toContain('PATTERN (F{4,} C)');
    await eventually(() =>
      expect(status()).toHaveTextContent(
        '✓ Accepted by the Flink planner (42 plan lines, 2.3 s)',
      ),
    );
    expect(bodies).toEqual([
      {
        shape: 'fraud-cep',
        table: 'fraud_signals',
        select: '',
        params: {
          name: 'team-fraud',
          owner: 'group:default/risk-team',
          cep: { failedAttempts: 4, windowMinutes: 10 },
        },
      },
    ]);
    // Syntax highlighting: keywords (SQL's and Flink's) are styled tokens, not plain text.
    const tokens = [...document.querySelectorAll('.cm-line span')].map(
      s => s.textContent,
    );
    expect(tokens).toEqual(
      expect.arrayContaining(['SELECT', 'FROM', 'MATCH_RECOGNIZE', 'PATTERN']),
    );
  });

  it('marks the planner’s error at its line, and accepts the fixed SELECT', async () => {
    const bodies = fakePlanner(100);
    const values: string[] = [];
    const view = await renderField(undefined, v => values.push(v));
    const broken = 'SELECT customer_id,\n  FROMM behavior';
    type(view, broken);
    expect(values[values.length - 1]).toBe(broken);
    await eventually(() =>
      expect(status()).toHaveTextContent(/Checking with the Flink planner/),
    );
    await eventually(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'Line 2, column 9: SqlParserException: SQL parse failed. Encountered "behavior" at line 2, column 9.',
      ),
    );
    // The editor underlines the place and marks the line in its gutter.
    await eventually(() =>
      expect(document.querySelector('.cm-lintRange-error')).not.toBeNull(),
    );
    const marked = document.querySelector('.cm-lintRange-error')!;
    expect(marked.closest('.cm-line')!.textContent).toBe('  FROMM behavior');
    expect(marked.textContent).toBe('behavior');

    type(view, 'SELECT customer_id\n  FROM behavior');
    await eventually(() =>
      expect(status()).toHaveTextContent(/Accepted by the Flink planner/),
    );
    expect(document.querySelector('.cm-lintRange-error')).toBeNull();
    // (The shape's SELECT may have been checked first, if the editor loaded slowly.)
    expect(bodies.map(b => b.select).filter(s => s !== '')).toEqual([
      broken,
      'SELECT customer_id\n  FROM behavior',
    ]);
  });

  it('asks only once typing pauses, and cancels a check a newer text replaces', async () => {
    fakePlanner(1500);
    const view = await renderField('SELECT 1 AS a FROM behavior');
    // The first check starts after the pause and is under way...
    await eventually(() =>
      expect(status()).toHaveTextContent(/Checking with the Flink planner/),
    );
    type(view, 'SELECT 2 AS a FROM behavior');
    type(view, 'SELECT 3 AS a FROM behavior');
    await eventually(() =>
      expect(status()).toHaveTextContent(/Accepted by the Flink planner/),
    );
    const checks = requests.filter(r => r.url === checkUrl);
    // ...and is aborted; of the two quick edits only the last is sent.
    expect(checks).toHaveLength(2);
    expect(checks[0].signal.aborted).toBe(true);
    expect(checks[1].signal.aborted).toBe(false);
  });

  it('refuses a second statement at once, without asking the backend', async () => {
    const bodies = fakePlanner();
    const view = await renderField();
    type(view, 'SELECT 1 FROM behavior;\nDROP TABLE fraud_orders');
    await eventually(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        /^Line 1, column 23: must not contain ";"/,
      ),
    );
    await new Promise(r => setTimeout(r, 900));
    // (The shape's own SELECT may have been checked before the edit, on a slow machine.)
    expect(bodies.filter(b => b.select.includes(';'))).toEqual([]);
  });

  it('says when the check itself failed', async () => {
    server.use(
      http.post(checkUrl, () =>
        HttpResponse.json(
          {
            error: {
              message: 'flink-sql-gateway: cannot reach 127.0.0.1:8090',
            },
          },
          { status: 503 },
        ),
      ),
    );
    await renderField('SELECT 1 FROM behavior');
    await eventually(() =>
      expect(status()).toHaveTextContent(
        'Could not check the SELECT: flink-sql-gateway: cannot reach 127.0.0.1:8090',
      ),
    );
  });

  it('goes back to the shape’s SELECT', async () => {
    fakePlanner();
    const values: string[] = [];
    const view = await renderField('SELECT 1 FROM behavior', v =>
      values.push(v),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Use the shape’s SELECT' }),
    );
    // Empty again (the editor's echo of the shape's text is "the shape's" too).
    expect(values.length).toBeGreaterThan(0);
    expect(values.every(v => v === '')).toBe(true);
    await eventually(() =>
      expect(view.state.doc.toString()).toContain('MATCH_RECOGNIZE'),
    );
  });
});
