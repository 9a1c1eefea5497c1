import { test, expect } from '@playwright/test';
import { openPortal, screenshot } from './support';

// Reads only: this file never creates a reference nor rolls back (Nessie is shared by every run).
test.describe('Nessie and Paimon versions', () => {
  test('Versions tab and Data versions card of commerce.finance_fact show Nessie main and live Paimon snapshots', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await openPortal(page, '/catalog/default/resource/commerce.finance_fact');
    const card = page.locator('.bui-Card', {
      has: page.getByRole('heading', { name: 'Data versions' }),
    });
    await expect(card.getByText(/^[0-9a-f]{12}$/)).toBeVisible({
      timeout: 15_000,
    });
    // The live pipeline commits every 30 s: there is always a snapshot.
    await expect(
      card.getByText(/^#\d+ at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}( UTC)?$/),
    ).toBeVisible({ timeout: 30_000 });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'nessie-card-finance-fact');

    await openPortal(
      page,
      '/catalog/default/resource/commerce.finance_fact/versions',
    );
    // Every Paimon snapshot of the table is a Nessie commit on main: the tab lists them.
    const commits = page.getByRole('grid', { name: 'Table commits on main' });
    await expect(commits.getByText(/^[0-9a-f]{12}$/).first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(
      commits.getByText('commerce.finance_fact').first(),
    ).toBeVisible();
    const refs = page.getByRole('grid', { name: 'Nessie references' });
    const main = refs.getByRole('row', { name: /^main\b/ });
    await expect(main.getByText(/^[0-9a-f]{12}$/)).toBeVisible({
      timeout: 15_000,
    });
    await expect(main.getByText('table commits')).toBeVisible();
    const snapshots = page.getByRole('grid', {
      name: 'Snapshots of commerce.finance_fact',
    });
    await expect(
      snapshots.getByRole('row').nth(1).getByText(/^\d+$/).first(),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      snapshots.getByText(/^(APPEND|COMPACT)$/).first(),
    ).toBeVisible();
    // The allow-all policy of the local portal: create is offered (not pressed here).
    await expect(
      page.getByRole('button', { name: 'Create tag/branch' }),
    ).toBeEnabled();
    await screenshot(page, 'nessie-tab-finance-fact');

    // The create dialog, opened and cancelled: it proposes a name in the entity's namespace.
    await page.getByRole('button', { name: 'Create tag/branch' }).click();
    const dialog = page.getByRole('dialog');
    const name = dialog.getByRole('textbox', { name: 'Name' });
    await expect(name).toHaveValue(/^finance\/daily-\d{8}$/);
    await name.fill('marketing/daily');
    await expect(
      dialog.getByText('The name must start with finance/'),
    ).toBeVisible();
    await name.fill('finance/daily-20261124');
    await expect(dialog.getByText('finance-daily-20261124')).toBeVisible();
    await screenshot(page, 'nessie-create-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
  });

  test('Versions tab and card of a table the lakehouse does not have say it is not deployed', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1600, height: 1200 });
    await openPortal(page, '/catalog/default/resource/e2e.not_deployed');
    const card = page.locator('.bui-Card', {
      has: page.getByRole('heading', { name: 'Data versions' }),
    });
    await expect(card.getByText('table not deployed')).toBeVisible({
      timeout: 30_000,
    });
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'nessie-card-not-deployed');

    await openPortal(
      page,
      '/catalog/default/resource/e2e.not_deployed/versions',
    );
    await expect(
      page.getByText(/^No commit on main touches these tables yet/),
    ).toBeVisible({ timeout: 15_000 });
    await expect(
      page.getByText('e2e.not_deployed is not deployed'),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      page
        .getByRole('grid', { name: 'Nessie references' })
        .getByText(/^[0-9a-f]{12}$/)
        .first(),
    ).toBeVisible();
    await screenshot(page, 'nessie-tab-not-deployed');
  });
});
