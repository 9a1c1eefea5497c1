import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { SCREENSHOT_DIR, openPortal, screenshot } from './support';

/** The live demo pipeline (catalog/use-cases/orders-lakehouse.yaml), sources first. */
const ORDERS_PIPELINE = [
  ['Source', 'mysql.commerce'],
  ['Connector', 'MariaDB orders CDC connector'],
  ['Topic', 'mariadb.commerce.orders'],
  ['Job', 'Orders to Paimon job'],
  ['Paimon table', 'commerce.orders'],
];
/** "79 s of 120 s SLO", "3 min of 120 s SLO". */
const FRESHNESS = /^\d+ (s|min|h|days) of \d+ (s|min|h|days) SLO$/;

const lineageCard = (page: Page) =>
  page.locator('.bui-Card', {
    has: page.getByRole('heading', { name: 'Pipeline lineage' }),
  });

/**
 * Opens the page until the table's freshness shows: Trino sees the Paimon table only after the
 * stack's lakehouse-sync (about once a minute), so a fresh stack may need a reload or two.
 */
async function openWithFreshness(page: Page, url: string) {
  const card = lineageCard(page);
  await expect(async () => {
    await openPortal(page, url);
    const table = card.getByRole('listitem', { name: 'commerce.orders' });
    await expect(table.getByText(FRESHNESS)).toBeVisible({ timeout: 25_000 });
  }).toPass({ timeout: 150_000, intervals: [10_000] });
  return card;
}

async function expectOrdersPipeline(page: Page) {
  const card = lineageCard(page);
  const stages = card.getByRole('region', { name: /^Stage \d+: / });
  await expect(stages).toHaveCount(ORDERS_PIPELINE.length);
  for (const [i, [label, node]] of ORDERS_PIPELINE.entries()) {
    await expect(stages.nth(i)).toHaveAttribute(
      'aria-label',
      `Stage ${i + 1}: ${label}`,
    );
    await expect(
      stages.nth(i).getByRole('listitem', { name: node }),
    ).toBeVisible();
  }
  const job = card.getByRole('listitem', { name: 'Orders to Paimon job' });
  await expect(job.getByText('RUNNING', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(
    job.getByRole('link', { name: 'Orders to Paimon job' }),
  ).toHaveAttribute(
    'href',
    '/catalog/default/component/commerce-orders-to-paimon',
  );
  const connector = card.getByRole('listitem', {
    name: 'MariaDB orders CDC connector',
  });
  await expect(connector.getByText('RUNNING', { exact: true })).toBeVisible();
  const topic = card.getByRole('listitem', { name: 'mariadb.commerce.orders' });
  await expect(topic.getByText(/^lag [\d,]+$/)).toBeVisible();
  // Every node answered: the verdict is no longer "Checking".
  await expect(
    card.getByRole('status', { name: 'Pipeline verdict' }),
  ).toContainText(/^(Healthy|Degraded|Attention|Unknown)/);
}

test.describe('lineage', () => {
  test('Lineage card shows the orders-lakehouse pipeline in order, with live status per node', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    const card = await openWithFreshness(
      page,
      '/catalog/default/system/orders-lakehouse',
    );
    await expectOrdersPipeline(page);
    await expect(card.locator('li[aria-current="true"]')).toHaveCount(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'lineage-system-orders-lakehouse');
    // The card alone, at the size it has on the page: what the lineage reads like.
    await card.screenshot({
      path: path.join(SCREENSHOT_DIR, 'lineage-card-orders-lakehouse.png'),
    });
  });

  test("Lineage card on the job's page highlights the job within its system", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    const card = await openWithFreshness(
      page,
      '/catalog/default/component/commerce-orders-to-paimon',
    );
    await expectOrdersPipeline(page);
    await expect(card.locator('li[aria-current="true"]')).toHaveAccessibleName(
      'Orders to Paimon job',
    );
    await expect(
      card.getByRole('link', { name: 'orders-lakehouse' }),
    ).toHaveAttribute('href', '/catalog/default/system/orders-lakehouse');
    await card.screenshot({
      path: path.join(
        SCREENSHOT_DIR,
        'lineage-component-commerce-orders-to-paimon.png',
      ),
    });
  });
});
