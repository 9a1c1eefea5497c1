import path from 'node:path';
import { test, expect, Page } from '@playwright/test';
import { openPortal, screenshot, SCREENSHOT_DIR } from './support';

const card = (page: Page, title: string) =>
  page
    .locator('article', {
      has: page.getByRole('heading', { name: title, exact: true }),
    })
    .first();

async function shootCard(page: Page, title: string, name: string) {
  const element = card(page, title);
  await element.scrollIntoViewIfNeeded();
  await element.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

test.describe('streaming status and monitoring links', () => {
  test('the Flink job shows its topic, consumer lag and running connector', async ({
    page,
  }) => {
    await openPortal(page, '/catalog/default/component/finance-fact-sink');
    const status = card(page, 'Streaming status');
    await expect(
      status.getByText('finance-fact-sink-my.commerce.orders').first(),
    ).toBeVisible();
    await expect(status.getByText(/End offsets: p0 [\d,]+/)).toBeVisible();
    await expect(
      status.getByText(/Group flink-finance-fact-sink-finance_fact: lag/),
    ).toBeVisible();
    await expect(status.getByText('RUNNING').first()).toBeVisible();
    await expect(
      status.getByText('finance-fact-sink-commerce-mariadb'),
    ).toBeVisible();
    await shootCard(page, 'Streaming status', 'streaming-card-finance-job');
    await screenshot(page, 'streaming-entity-finance-job');
  });

  test('the Streaming tab lists partitions and connector tasks', async ({
    page,
  }) => {
    await openPortal(
      page,
      '/catalog/default/component/finance-fact-sink/streaming',
    );
    const partitions = page.getByRole('grid', {
      name: 'Partitions of finance-fact-sink-my.commerce.orders',
    });
    await expect(
      partitions.getByRole('rowheader', { name: '0' }),
    ).toBeVisible();
    const tasks = page.getByRole('grid', { name: 'Connector tasks' });
    // A grid row is named by its row header (the connector); the state is in its cells.
    const task = tasks.getByRole('row', { name: /commerce-mariadb/ }).first();
    await expect(task).toContainText('RUNNING');
    await screenshot(page, 'streaming-tab-finance-job');
  });

  test('the CDC connector component shows its connector and says which annotation adds lag', async ({
    page,
  }) => {
    await openPortal(
      page,
      '/catalog/default/component/finance-fact-sink-commerce-mariadb',
    );
    const status = card(page, 'Streaming status');
    await expect(status.getByText('RUNNING').first()).toBeVisible();
    await expect(
      status.getByText(
        /dataplatform.io\/kafka-consumer-group: flink-commerce-orders/,
      ),
    ).toBeVisible();
    await shootCard(page, 'Streaming status', 'streaming-card-mariadb-cdc');
    await openPortal(
      page,
      '/catalog/default/component/finance-fact-sink-commerce-mariadb/streaming',
    );
    await expect(
      page
        .getByRole('grid', { name: 'Connector tasks' })
        .getByText('RUNNING')
        .first(),
    ).toBeVisible();
    await screenshot(page, 'streaming-tab-mariadb-cdc');
  });

  test('the Monitoring card lists the system links and explains how to add them elsewhere', async ({
    page,
  }) => {
    await openPortal(page, '/catalog/default/system/finance-reconciliation');
    const monitoring = card(page, 'Monitoring');
    const connect = monitoring.getByRole('link', {
      name: 'Kafka Connect connectors',
    });
    await expect(connect).toBeVisible();
    await expect(connect).toHaveAttribute('target', '_blank');
    await expect(
      monitoring.getByRole('link', { name: 'Flink dashboard' }),
    ).toBeVisible();
    await shootCard(
      page,
      'Monitoring',
      'monitoring-card-finance-reconciliation',
    );

    await openPortal(page, '/catalog/default/group/data-platform-team');
    const empty = card(page, 'Monitoring');
    await expect(
      empty.getByText(
        /dataplatform.io\/monitoring-links: flinkDashboard,trinoUi/,
      ),
    ).toBeVisible();
    await expect(
      empty.getByText(/Ids configured for the local stack/),
    ).toBeVisible();
    await shootCard(page, 'Monitoring', 'monitoring-card-group');
    await screenshot(page, 'monitoring-group-page');
  });
});
