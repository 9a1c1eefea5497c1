import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import {
  annotated,
  entity,
  h0,
  h1,
  h2,
  nessieBase,
  paimon,
  references,
  releases,
  tableCommits,
  tableDiff,
  upstreamDown,
} from '../__testUtils__/fixtures';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';
import { VersionsTab } from './VersionsTab';

const { server, requests } = setupRecordingMsw();

const happy = () =>
  server.use(
    http.get(`${nessieBase}/references`, () => HttpResponse.json(references())),
    http.get(`${nessieBase}/table-commits`, ({ request }) =>
      new URL(request.url).searchParams.get('pageToken') === 'page-2'
        ? HttpResponse.json({
            ...tableCommits(),
            entries: [
              {
                hash: h0,
                kind: 'paimon-snapshot',
                message: 'commerce.finance_fact: Paimon snapshot 84 (APPEND)',
                time: '2026-11-23T00:10:00.000Z',
                commitKind: 'APPEND',
                changes: [{ table: 'commerce.finance_fact', snapshotId: 84 }],
              },
            ],
            nextPageToken: undefined,
          })
        : HttpResponse.json(tableCommits()),
    ),
    http.get(`${nessieBase}/releases`, () => HttpResponse.json(releases())),
    http.get(`${nessieBase}/table-diff`, () => HttpResponse.json(tableDiff())),
    http.get(`${nessieBase}/paimon`, () => HttpResponse.json(paimon())),
  );

const rowOf = (grid: HTMLElement, text: string) =>
  within(grid)
    .getAllByRole('row')
    .find(r => within(r).queryByText(text))!;

describe('VersionsTab', () => {
  it("shows the tables' commits on main: which table, which snapshot, when, the hash; a restore is labelled", async () => {
    happy();
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    const grid = await screen.findByRole('grid', {
      name: 'Table commits on main',
    });
    expect(
      screen.getByText(
        'Tables of pipeline default/finance-fact-sink in the pipeline registry: commerce.finance_fact, commerce.payment_fact',
      ),
    ).toBeInTheDocument();
    const restore = rowOf(grid, h2.slice(0, 12));
    expect(
      within(restore).getByText('commerce.finance_fact'),
    ).toBeInTheDocument();
    expect(within(restore).getByText('90')).toBeInTheDocument();
    expect(
      within(restore).getByText('restore to finance-restore-20261124-235900'),
    ).toBeInTheDocument();
    expect(
      within(restore).getByText('2026-11-25 00:10:00 UTC'),
    ).toBeInTheDocument();
    const snapshot = rowOf(grid, h1.slice(0, 12));
    expect(
      within(snapshot).getByText('commerce.payment_fact'),
    ).toBeInTheDocument();
    expect(within(snapshot).getByText('APPEND')).toBeInTheDocument();
    // The tab never names the tables: the backend resolves them from the entity.
    const asked = new URL(
      requests.find(r => r.url.includes('/table-commits'))!.url,
    ).searchParams;
    expect([...asked.keys()].sort()).toEqual(['entityRef', 'limit']);
  });

  it('pages to older commits', async () => {
    happy();
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Older commits' }),
    );
    const grid = screen.getByRole('grid', { name: 'Table commits on main' });
    expect(await within(grid).findByText('84')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Older commits' }),
    ).not.toBeInTheDocument();
    const older = requests.filter(r => r.url.includes('/table-commits'));
    expect(new URL(older[1].url).searchParams.get('pageToken')).toBe('page-2');
  });

  it('shows a release with the table states it pins and the Trino query that reads them back', async () => {
    happy();
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    const grid = await screen.findByRole('grid', {
      name: 'Tables at finance/daily-20261124',
    });
    expect(screen.getByText('release')).toBeInTheDocument();
    const fact = rowOf(grid, 'commerce.finance_fact');
    expect(within(fact).getByText('85')).toBeInTheDocument();
    expect(
      within(fact).getByText(
        'SELECT * FROM lakehouse.commerce.finance_fact FOR VERSION AS OF CAST(85 AS BIGINT)',
      ),
    ).toBeInTheDocument();
    expect(
      within(rowOf(grid, 'commerce.payment_fact')).getByText(
        'not on main when tagged',
      ),
    ).toBeInTheDocument();
  });

  it('diffs the newest tag against main: the tables that changed and their snapshots', async () => {
    happy();
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    const grid = await screen.findByRole('grid', {
      name: 'Diff finance/daily-20261124 to main',
    });
    const row = rowOf(grid, 'commerce.finance_fact');
    expect(within(row).getByText('modified')).toBeInTheDocument();
    expect(within(row).getByText('85 → 90')).toBeInTheDocument();
    expect(
      screen.getByText('3 key(s) of other pipelines differ too (not listed).'),
    ).toBeInTheDocument();
    const diff = new URL(requests.find(r => r.url.includes('/table-diff'))!.url)
      .searchParams;
    expect([diff.get('from'), diff.get('to')]).toEqual([
      'finance/daily-20261124',
      'main',
    ]);
  });

  it('offers no branch log or rollback: table commits are on main, the branch is a namespace', async () => {
    happy();
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    const refs = await screen.findByRole('grid', { name: 'Nessie references' });
    expect(
      within(rowOf(refs, 'finance/daily')).getByText(
        "namespace of this entity's refs",
      ),
    ).toBeInTheDocument();
    expect(
      within(rowOf(refs, 'main')).getByText('table commits'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Roll back|Show log/ }),
    ).not.toBeInTheDocument();
    expect(requests.some(r => r.url.includes('/log?'))).toBe(false);
  });

  it('creates a release tag on main under the prefix, and refuses a name outside it before asking the backend', async () => {
    happy();
    let posted: any;
    server.use(
      http.post(`${nessieBase}/references`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(
          { reference: { type: 'TAG', name: posted.name, hash: h0 } },
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
        `Created tag finance/daily-20261125 at ${h0.slice(0, 12)}.`,
      ),
    ).toBeInTheDocument();
    // From main's head: that is where the tables' states are.
    expect(posted).toEqual({
      entityRef: 'resource:default/commerce.finance_fact',
      type: 'TAG',
      name: 'finance/daily-20261125',
      from: { ref: 'main', hash: h0 },
    });
  });

  it('disables create without the permission', async () => {
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
    const create = await screen.findByRole('button', {
      name: 'Create tag/branch',
    });
    await waitFor(() => expect(create).toBeDisabled());
  });

  it('keeps the Paimon panel when Nessie is down, and says Nessie is down where it is needed', async () => {
    const down = () =>
      HttpResponse.json(
        upstreamDown(
          'nessie: GET /trees failed: cannot reach http://127.0.0.1:19120',
        ),
        { status: 503 },
      );
    server.use(
      http.get(`${nessieBase}/references`, down),
      http.get(`${nessieBase}/table-commits`, down),
      http.get(`${nessieBase}/releases`, down),
      http.get(`${nessieBase}/paimon`, () =>
        HttpResponse.json({
          ...paimon(),
          nessieLinkError: 'nessie: GET /trees failed',
        }),
      ),
    );
    await renderWithEntity(<VersionsTab />, { entity: annotated });
    expect(
      (await screen.findAllByText('Nessie is not answering')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(await screen.findByText('86')).toBeInTheDocument();
    expect(
      screen.getByText('Tags are shown without their Nessie refs'),
    ).toBeInTheDocument();
  });

  it('says which annotation to add when one is missing, without asking for it', async () => {
    server.use(
      http.get(`${nessieBase}/table-commits`, () =>
        HttpResponse.json({
          ...tableCommits(),
          tables: { tables: [], source: 'annotation' },
          entries: [],
          nextPageToken: undefined,
        }),
      ),
      http.get(`${nessieBase}/releases`, () =>
        HttpResponse.json({
          entityRef: 'x',
          prefix: 'finance/',
          tables: { tables: [], source: 'annotation' },
          releases: [],
        }),
      ),
      http.get(`${nessieBase}/references`, () =>
        HttpResponse.json(references()),
      ),
      http.get(`${nessieBase}/table-diff`, () =>
        HttpResponse.json(tableDiff()),
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
      await screen.findByText('This entity names no Paimon table.'),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/No tag under finance\/ yet/),
    ).toBeInTheDocument();
    expect(requests.some(r => r.url.includes('/paimon'))).toBe(false);
  });
});
