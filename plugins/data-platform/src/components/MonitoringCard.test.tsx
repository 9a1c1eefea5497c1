import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { MonitoringCard } from './MonitoringCard';

const entity = (metadata: Partial<Entity['metadata']>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'orders-lakehouse', namespace: 'default', ...metadata },
  spec: {},
});

const render = (e: Entity, config = {}) =>
  renderInTestApp(
    <EntityProvider entity={e}>
      <MonitoringCard />
    </EntityProvider>,
    { config },
  );

describe('MonitoringCard', () => {
  it('lists only the monitoring links, each opening in a new tab', async () => {
    await render(
      entity({
        annotations: {
          'dataplatform.io/monitoring-links': 'flinkDashboard,trinoUi',
        },
        links: [
          {
            url: 'http://localhost:8081',
            title: 'Flink dashboard',
            icon: 'dashboard',
            type: 'monitoring',
          },
          {
            url: 'http://localhost:8085/ui/',
            title: 'Trino UI',
            type: 'monitoring',
          },
          { url: 'https://git.example.com/repo', title: 'Repository' },
        ],
      }),
    );
    const flink = await screen.findByRole('link', { name: 'Flink dashboard' });
    expect(flink).toHaveAttribute('href', 'http://localhost:8081');
    expect(flink).toHaveAttribute('target', '_blank');
    expect(flink).toHaveAttribute('rel', expect.stringContaining('noopener'));
    expect(screen.getByRole('link', { name: 'Trino UI' })).toBeInTheDocument();
    expect(screen.queryByText('Repository')).not.toBeInTheDocument();
  });

  it("explains how to add links, with the current stack's ids", async () => {
    await render(entity({}), {
      dataPlatform: {
        stack: 'compose',
        stacks: {
          compose: {
            monitoringLinks: {
              flinkDashboard: { title: 'Flink', url: 'http://flink:8081' },
              kafkaUi: { title: 'Kafka UI', url: 'http://kafka-ui:8080' },
            },
          },
        },
      },
    });
    expect(
      await screen.findByText(
        /dataplatform.io\/monitoring-links: flinkDashboard,trinoUi/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Ids configured for the compose stack/),
    ).toBeInTheDocument();
    expect(screen.getByText('flinkDashboard, kafkaUi')).toBeInTheDocument();
  });

  it('falls back to the known ids when the stack config is not visible, and flags typos', async () => {
    await render(
      entity({
        annotations: { 'dataplatform.io/monitoring-links': 'flinkDashbord' },
      }),
    );
    expect(await screen.findByText(/Known ids/)).toBeInTheDocument();
    expect(
      screen.getByText(/flinkDashboard, flinkSqlGateway/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Unknown ids in dataplatform.io\/monitoring-links: flinkDashbord/,
      ),
    ).toBeInTheDocument();
  });
});
