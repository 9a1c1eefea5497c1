import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupRecordingMsw } from '@internal/backstage-plugin-pipeline-react/testUtils';
import { fleet, flinkBase } from '../__testUtils__/fixtures';
import { FlinkFleetPage } from './FlinkFleetPage';
import { renderWithEntity } from '../__testUtils__/renderWithEntity';

const { server } = setupRecordingMsw();

describe('FlinkFleetPage', () => {
  it('lists claimed jobs with entity and owner, unclaimed jobs and missing ones', async () => {
    server.use(
      http.get(`${flinkBase}/fleet`, () => HttpResponse.json(fleet())),
    );
    await renderWithEntity(<FlinkFleetPage />);
    const claimed = await screen.findByRole('grid', { name: 'Claimed jobs' });
    const row = within(claimed).getByRole('row', {
      name: /commerce-orders-to-paimon/,
    });
    expect(within(row).getByText('RUNNING')).toBeInTheDocument();
    const hrefs = within(row)
      .getAllByRole('link')
      .map(a => a.getAttribute('href'));
    expect(hrefs).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/#/job/running/'),
        '/catalog/default/component/commerce-orders-to-paimon',
        '/catalog/default/group/data-platform-team',
      ]),
    );
    expect(within(row).getByText('data-platform-team')).toBeInTheDocument();

    const unclaimed = screen.getByRole('grid', { name: 'Unclaimed jobs' });
    expect(within(unclaimed).getByText('adhoc-insert')).toBeInTheDocument();
    // Ended jobs only on demand.
    expect(within(unclaimed).queryByText(/SELECT `orders\$tags`/)).toBeNull();
    await userEvent.click(
      screen.getByRole('switch', { name: /Show ended jobs \(1\)/ }),
    );
    expect(
      await within(
        screen.getByRole('grid', { name: 'Unclaimed jobs' }),
      ).findByText(/^SELECT `orders\$tags`.*…$/),
    ).toBeInTheDocument();

    const missing = screen.getByRole('grid', {
      name: 'Entities whose job is not deployed',
    });
    expect(
      within(missing).getByText('finance-fact-sink', {
        selector: 'span, div, p',
      }),
    ).toBeInTheDocument();
  });

  it('says ended jobs are hidden rather than that there are none', async () => {
    const f = fleet();
    server.use(
      http.get(`${flinkBase}/fleet`, () =>
        HttpResponse.json({
          ...f,
          jobs: f.jobs.filter(j => j.state === 'FINISHED'),
        }),
      ),
    );
    await renderWithEntity(<FlinkFleetPage />);
    expect(
      await screen.findByText(
        'Every running job is claimed. 1 ended job(s) hidden: turn on "Show ended jobs".',
      ),
    ).toBeInTheDocument();
  });

  it('names an unreachable cluster and still lists the catalog side', async () => {
    server.use(
      http.get(`${flinkBase}/fleet`, () =>
        HttpResponse.json({
          ...fleet(),
          instances: [
            {
              name: 'local',
              jobCount: 0,
              error:
                'flink-rest: GET /jobs/overview failed: cannot reach http://127.0.0.1:8081',
            },
          ],
          jobs: [],
        }),
      ),
    );
    await renderWithEntity(<FlinkFleetPage />);
    expect(
      await screen.findByText('Flink cluster "local" is not answering'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('grid', { name: 'Entities whose job is not deployed' }),
    ).toBeInTheDocument();
  });
});
