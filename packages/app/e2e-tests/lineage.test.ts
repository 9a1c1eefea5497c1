import path from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { SCREENSHOT_DIR, openPortal, screenshot } from './support';

/**
 * The seed's finance reconciliation pipeline (catalog/pipelines/finance-fact-sink, deployed by the
 * stack from its spec), one node per stage, sources first. The system holds more (the payments
 * connector and topic, the reconciliation table, the batch report): only the order is asserted.
 */
const FINANCE_PIPELINE = [
  ['Connector', 'finance-fact-sink-commerce-mariadb'],
  ['Topic', 'finance-fact-sink-my.commerce.orders'],
  ['Job', 'finance-fact-sink'],
  ['Paimon table', 'commerce.finance_fact'],
];
/** "79 s of 120 s SLO", "3 min of 120 s SLO". */
const FRESHNESS = /^\d+ (s|min|h|days) of \d+ (s|min|h|days) SLO$/;

const lineageCard = (page: Page) =>
  page.locator('.bui-Card', {
    has: page.getByRole('heading', { name: 'Pipeline lineage' }),
  });

/**
 * Opens the page until the table's freshness shows: Trino sees the Paimon table from the job's
 * first commit recorded in Nessie (a checkpoint interval), so a fresh stack may need a reload or two.
 */
async function openWithFreshness(page: Page, url: string) {
  const card = lineageCard(page);
  await expect(async () => {
    await openPortal(page, url);
    const table = card.getByRole('listitem', { name: 'commerce.finance_fact' });
    await expect(table.getByText(FRESHNESS)).toBeVisible({ timeout: 25_000 });
  }).toPass({ timeout: 150_000, intervals: [10_000] });
  return card;
}

async function expectFinancePipeline(page: Page) {
  const card = lineageCard(page);
  const stages = card.getByRole('region', { name: /^Stage \d+: / });
  const labels = await stages.evaluateAll(regions =>
    regions.map(r => r.getAttribute('aria-label') ?? ''),
  );
  let previous = 0;
  for (const [label, node] of FINANCE_PIPELINE) {
    const stage = labels.findIndex(l => l.endsWith(`: ${label}`)) + 1;
    // Each stage after the one before it, and holding its node.
    expect(stage, `${label} stage in ${labels.join(', ')}`).toBeGreaterThan(
      previous,
    );
    previous = stage;
    await expect(
      stages.nth(stage - 1).getByRole('listitem', { name: node, exact: true }),
    ).toBeVisible();
  }
  // exact: the connectors' and topics' names start with the job's.
  const job = card.getByRole('listitem', {
    name: 'finance-fact-sink',
    exact: true,
  });
  await expect(job.getByText('RUNNING', { exact: true })).toBeVisible({
    timeout: 15_000,
  });
  await expect(
    job.getByRole('link', { name: 'finance-fact-sink', exact: true }),
  ).toHaveAttribute('href', '/catalog/default/component/finance-fact-sink');
  const connector = card.getByRole('listitem', {
    name: 'finance-fact-sink-commerce-mariadb',
  });
  await expect(connector.getByText('RUNNING', { exact: true })).toBeVisible();
  const topic = card.getByRole('listitem', {
    name: 'finance-fact-sink-my.commerce.orders',
  });
  // A topic node shows its consumer lag where its entity names the consumer group, else the
  // state of the connector that writes it (the seed's topics name their connector).
  await expect(topic.getByText(/^(RUNNING|lag [\d,]+)$/)).toBeVisible();
  // Every node answered: the verdict is no longer "Checking".
  await expect(
    card.getByRole('status', { name: 'Pipeline verdict' }),
  ).toContainText(/^(Healthy|Degraded|Attention|Unknown)/);
}

test.describe('lineage', () => {
  test('Lineage card shows the finance reconciliation pipeline in order, with live status per node', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    const card = await openWithFreshness(
      page,
      '/catalog/default/system/finance-reconciliation',
    );
    await expectFinancePipeline(page);
    await expect(card.locator('li[aria-current="true"]')).toHaveCount(0);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'lineage-system-finance-reconciliation');
    // The card alone, at the size it has on the page: what the lineage reads like.
    await card.screenshot({
      path: path.join(
        SCREENSHOT_DIR,
        'lineage-card-finance-reconciliation.png',
      ),
    });
  });

  test("Lineage card on the job's page highlights the job within its system", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    const card = await openWithFreshness(
      page,
      '/catalog/default/component/finance-fact-sink',
    );
    await expectFinancePipeline(page);
    await expect(card.locator('li[aria-current="true"]')).toHaveAccessibleName(
      'finance-fact-sink',
    );
    await expect(
      card.getByRole('link', { name: 'finance-reconciliation' }),
    ).toHaveAttribute('href', '/catalog/default/system/finance-reconciliation');
    await card.screenshot({
      path: path.join(
        SCREENSHOT_DIR,
        'lineage-component-finance-fact-sink.png',
      ),
    });
  });
});
