import { test, expect } from '@playwright/test';
import { openPortal, screenshot } from './support';

// Reads only: this file never presses Cancel or Stop (the live job must keep running).
test.describe('Flink', () => {
  test('Flink card and tab show the live job finance-fact-sink', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    const card = page.locator('.bui-Card', {
      has: page.getByRole('heading', { name: 'Flink job' }),
    });
    // The stack checkpoints every 30 s: a job that has just (re)started has none yet, so reload
    // until the first one shows with a real age.
    await expect(async () => {
      await openPortal(page, '/catalog/default/component/finance-fact-sink');
      await expect(card.getByText('RUNNING')).toBeVisible({ timeout: 15_000 });
      await expect(card.getByText(/^\d+(s|m \d+s|m) ago$/)).toBeVisible({
        timeout: 2_000,
      });
    }).toPass({ timeout: 90_000, intervals: [5_000] });
    await expect(card.getByText('finance-fact-sink on local')).toBeVisible();
    // Duration / size of the last checkpoint, e.g. "126 ms / 5.1 KiB" or "1s / 4.5 KiB".
    await expect(
      card.getByText(/^(\d+ ms|\d+s|\d+m \d+s) \/ [\d.]+ (B|KiB|MiB)$/),
    ).toBeVisible();
    await expect(
      card.getByRole('link', { name: 'Open in Flink dashboard' }),
    ).toHaveAttribute('href', /\/#\/job\/running\/[0-9a-f]{32}\/overview$/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'flink-card-finance-fact-sink');

    await openPortal(
      page,
      '/catalog/default/component/finance-fact-sink/flink',
    );
    const vertices = page.getByRole('grid', { name: 'Vertices' });
    // One row per vertex: the job's CDC source of orders among them.
    await expect(vertices.getByText(/^Source: finance_fact_cdc\[/)).toBeVisible(
      {
        timeout: 15_000,
      },
    );
    const history = page.getByRole('grid', { name: 'Checkpoint history' });
    await expect(history.getByText(/^#\d+$/).first()).toBeVisible();
    await expect(history.getByText('COMPLETED').first()).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Recent exceptions' }),
    ).toBeVisible();
    // The local guest is an operator (app-config dataPlatform.permissions.operators): both actions
    // are offered (never pressed here).
    await expect(
      page.getByRole('button', { name: 'Cancel job' }),
    ).toBeEnabled();
    await expect(
      page.getByRole('button', { name: 'Stop with savepoint' }),
    ).toBeEnabled();
    await screenshot(page, 'flink-tab-finance-fact-sink');
  });

  test('Flink fleet page lists the live job as claimed by its component', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await openPortal(page, '/flink');
    const claimed = page.getByRole('grid', { name: 'Claimed jobs' });
    const row = claimed.getByRole('row', { name: /finance-fact-sink/ });
    await expect(row.getByText('RUNNING')).toBeVisible({ timeout: 15_000 });
    await expect(
      row.locator('a[href="/catalog/default/component/finance-fact-sink"]'),
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Unclaimed jobs' }),
    ).toBeVisible();
    const missing = page.getByRole('grid', {
      name: 'Entities whose job is not deployed',
    });
    // The e2e catalog's fixture claims a job the cluster does not have; the live seed job is not missing.
    await expect(
      missing.getByRole('gridcell', { name: 'e2e-not-deployed' }),
    ).toBeVisible();
    await expect(missing.getByText('finance-fact-sink')).toHaveCount(0);
    await screenshot(page, 'flink-fleet');
  });

  test('Flink card says a job that is not deployed is not deployed', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await openPortal(page, '/catalog/default/component/e2e-not-deployed');
    const card = page.locator('.bui-Card', {
      has: page.getByRole('heading', { name: 'Flink job' }),
    });
    await expect(
      card.getByText('Job "e2e-not-deployed" is not deployed'),
    ).toBeVisible({ timeout: 15_000 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'flink-card-not-deployed');
  });
});
