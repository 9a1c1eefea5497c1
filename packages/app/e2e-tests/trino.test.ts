import { test, expect } from '@playwright/test';
import { openPortal, screenshot } from './support';

test.describe('trino-plugin', () => {
  test('Trino card and tab preview real rows of commerce.finance_fact', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await openPortal(page, '/catalog/default/resource/commerce.finance_fact');
    const card = page.locator('.bui-Card', {
      has: page.getByRole('heading', { name: 'Query in Trino' }),
    });
    await expect(card.getByText('lakehouse.commerce.finance_fact')).toBeVisible(
      {
        timeout: 15_000,
      },
    );
    await expect(
      card.getByRole('link', { name: 'Open Trino UI' }),
    ).toHaveAttribute('href', /\/ui\/?$/);
    // Freshness scans the table: it may take up to the backend's 10 s bound.
    await expect(card.getByText(/Newest data .* old/)).toBeVisible({
      timeout: 20_000,
    });
    await expect(
      card.getByRole('button', { name: 'Copy Preview SQL' }),
    ).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'trino-card-finance-fact');

    await openPortal(
      page,
      '/catalog/default/resource/commerce.finance_fact/trino',
    );
    await page.getByRole('button', { name: 'Run preview' }).click();
    const table = page.getByRole('table', { name: 'Preview rows' });
    await expect(table).toBeVisible({ timeout: 20_000 });
    await expect(
      table.getByRole('columnheader', { name: /updated_at/ }),
    ).toBeVisible();
    // A real row from the live pipeline: the id column holds a number.
    const firstId = table.locator('tbody tr').first().locator('td').first();
    await expect(firstId).toHaveText(/^\d+$/);
    await expect(page.getByText(/\d+ rows? .*LIMIT 50/)).toBeVisible();
    await screenshot(page, 'trino-tab-finance-fact');
  });

  test('Trino card and tab say a table that is not deployed is not readable yet', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await openPortal(page, '/catalog/default/resource/e2e.not_deployed');
    const card = page.locator('.bui-Card', {
      has: page.getByRole('heading', { name: 'Query in Trino' }),
    });
    await expect(
      card.getByText('lakehouse.e2e.not_deployed is not readable yet'),
    ).toBeVisible({ timeout: 15_000 });
    await screenshot(page, 'trino-card-not-deployed');
    await openPortal(page, '/catalog/default/resource/e2e.not_deployed/trino');
    await expect(
      page.getByText('lakehouse.e2e.not_deployed is not readable yet'),
    ).toBeVisible({ timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Run preview' })).toHaveCount(
      0,
    );
    await screenshot(page, 'trino-tab-not-deployed');
  });
});
