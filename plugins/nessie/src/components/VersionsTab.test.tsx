import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  annotated,
  commitLog,
  entity,
  h0,
  h1,
  h2,
  nessieBase,
  paimon,
  references,
  upstreamDown,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { VersionsTab } from './VersionsTab';

const { server, requests } = setupRecordingMsw();

const happy = () =>
  server.use(
    http.get(`${nessieBase}/references`, () => HttpResponse.json(references())),
    http.get(`${nessieBase}/log`, () => HttpResponse.json(commitLog())),
    http.get(`${nessieBase}/diff`, () =>
      HttpResponse.json({
        from: 'main',
        to: 'finance/daily',
        entries: [
          { key: 'finance.fact', change: 'added', toType: 'ICEBERG_TABLE' },
        ],
      }),
    ),
    http.get(`${nessieBase}/paimon`, () => HttpResponse.json(paimon())),
  );

describe('VersionsTab', () => {
  it('shows references, the log of the entity branch, a diff and the Paimon tags linked to Nessie', async () => {
    happy();
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    expect(await screen.findByText("this entity's branch")).toBeInTheDocument();
    expect(screen.getByText('in finance/')).toBeInTheDocument();
    expect(await screen.findByText('load 2026-11-25')).toBeInTheDocument();
    expect(await screen.findByText('finance.fact')).toBeInTheDocument();
    expect(
      await screen.findByRole('button', {
        name: 'Show Nessie finance/daily-20261124',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('86')).toBeInTheDocument();
    const log = requests.find(r => r.url.includes('/log'))!;
    expect(new URL(log.url).searchParams.get('ref')).toBe('finance/daily');
  });

  it('rolls back after a confirmation naming the branch and both hashes', async () => {
    happy();
    let posted: unknown;
    server.use(
      http.post(`${nessieBase}/rollback`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json({
          reference: { type: 'BRANCH', name: 'finance/daily', hash: h1 },
          previousHash: h2,
        });
      }),
    );
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Roll back finance/daily to ${h1.slice(0, 12)}`,
      }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Roll back finance/daily?'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText('hash change')).toHaveTextContent(
      `${h2.slice(0, 12)} (current) → ${h1.slice(
        0,
        12,
      )} (load 2026-11-24, 2026-11-24 00:10:00 UTC)`,
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Roll back' }),
    );
    expect(
      await screen.findByText(
        `Rolled finance/daily back from ${h2.slice(0, 12)} to ${h1.slice(
          0,
          12,
        )}.`,
      ),
    ).toBeInTheDocument();
    expect(posted).toEqual({
      entityRef: 'resource:default/commerce.finance_fact',
      branch: 'finance/daily',
      expectedHash: h2,
      targetHash: h1,
    });
  });

  it('shows the 409 message in the dialog when the branch moved meanwhile', async () => {
    happy();
    server.use(
      http.post(`${nessieBase}/rollback`, () =>
        HttpResponse.json(
          {
            error: {
              message:
                'branch finance/daily is no longer at 9f86d081884c: someone changed it meanwhile.',
            },
          },
          { status: 409 },
        ),
      ),
    );
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Roll back finance/daily to ${h1.slice(0, 12)}`,
      }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Roll back',
      }),
    );
    expect(
      await screen.findByText('The branch moved meanwhile'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/someone changed it meanwhile/),
    ).toBeInTheDocument();
  });

  it('disables rollback and create without the permissions', async () => {
    happy();
    // usePermission caches decisions per resource across renders (SWR): use an entity of its own.
    const denied = {
      ...annotated,
      metadata: { ...annotated.metadata, name: 'denied.finance_fact' },
    };
    await renderWithEntity(<VersionsTab />, {
      entity: denied,
      permission: AuthorizeResult.DENY,
    });
    const name = `Roll back finance/daily to ${h1.slice(0, 12)}`;
    await screen.findByRole('button', { name });
    expect(
      await screen.findByText(/You may not roll back finance\/daily/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('button', { name })).toBeDisabled(),
    );
    expect(
      screen.getByRole('button', { name: 'Create tag/branch' }),
    ).toBeDisabled();
    expect(
      screen.getByText(/You may not roll back finance\/daily/),
    ).toBeInTheDocument();
  });

  it('creates a tag under the prefix and refuses a name outside it before asking the backend', async () => {
    happy();
    let posted: any;
    server.use(
      http.post(`${nessieBase}/references`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(
          { reference: { type: 'TAG', name: posted.name, hash: h2 } },
          { status: 201 },
        );
      }),
    );
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create tag/branch' }),
    );
    const dialog = await screen.findByRole('dialog');
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await userEvent.clear(name);
    await userEvent.type(name, 'marketing/x');
    expect(
      within(dialog).getByText('The name must start with finance/'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Create tag' }),
    ).toBeDisabled();
    await userEvent.clear(name);
    await userEvent.type(name, 'finance/daily-20261125');
    expect(
      within(dialog).getByText('finance-daily-20261125'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create tag' }),
    );
    expect(
      await screen.findByText(
        `Created tag finance/daily-20261125 at ${h2.slice(0, 12)}.`,
      ),
    ).toBeInTheDocument();
    expect(posted).toEqual({
      entityRef: 'resource:default/commerce.finance_fact',
      type: 'TAG',
      name: 'finance/daily-20261125',
      from: { ref: 'finance/daily', hash: h2 },
    });
  });

  it('keeps the Paimon panel when Nessie is down, and the Nessie part when the gateway is down', async () => {
    server.use(
      http.get(`${nessieBase}/references`, () =>
        HttpResponse.json(
          upstreamDown(
            'nessie: GET /trees failed: cannot reach http://127.0.0.1:19120',
          ),
          { status: 503 },
        ),
      ),
      http.get(`${nessieBase}/paimon`, () =>
        HttpResponse.json({
          ...paimon(),
          nessieLinkError: 'nessie: GET /trees failed',
        }),
      ),
    );
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    expect(
      await screen.findByText('Nessie is not answering'),
    ).toBeInTheDocument();
    expect(await screen.findByText('86')).toBeInTheDocument();
    expect(
      screen.getByText('Tags are shown without their Nessie refs'),
    ).toBeInTheDocument();
  });

  it('says which annotation to add when one is missing, without asking for it', async () => {
    server.use(
      http.get(`${nessieBase}/references`, () =>
        HttpResponse.json({ ...references(), branchHead: h0 }),
      ),
      http.get(`${nessieBase}/log`, () =>
        HttpResponse.json({ ref: 'finance/daily', entries: [] }),
      ),
      http.get(`${nessieBase}/diff`, () =>
        HttpResponse.json({ from: 'main', to: 'finance/daily', entries: [] }),
      ),
    );
    await renderWithEntity(<VersionsTab />, {
      entity: entity({ 'dataplatform.io/nessie-branch': 'finance/daily' }),
    });
    expect(
      await screen.findByText('No Paimon table is linked to this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('dataplatform.io/paimon-table: commerce.orders'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No commits on finance\/daily yet/),
    ).toBeInTheDocument();
    expect(requests.some(r => r.url.includes('/paimon'))).toBe(false);
  });
});
