import { test, expect } from '@playwright/test';
import { openPortal, screenshot } from './support';

test('the catalog lists the platform and use-case systems', async ({ page }) => {
  await openPortal(page, '/catalog?filters%5Bkind%5D=system&filters%5Buser%5D=all');
  for (const system of ['Streaming Data Platform', 'Finance reconciliation', 'Fraud detection', 'Inventory 360']) {
    await expect(page.getByRole('link', { name: system }).first()).toBeVisible();
  }
  await screenshot(page, 'catalog-systems');
});

test('a use-case system shows its owner, monitoring links and relations graph', async ({ page }) => {
  await openPortal(page, '/catalog/default/system/finance-reconciliation');
  await expect(page.getByRole('heading', { name: 'Finance reconciliation' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Finance Data' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Flink dashboard/ }).first()).toBeVisible();
  // The relations graph draws one node per related entity.
  const node = page.locator('svg text', { hasText: /Finance fact sink job|finance-fact-sink/ });
  await expect(node.first()).toBeVisible();
  await screenshot(page, 'system-finance-reconciliation');
});

test('a pipeline component links to the configured Flink dashboard', async ({ page }) => {
  await openPortal(page, '/catalog/default/component/finance-fact-sink');
  const link = page.getByRole('link', { name: /Flink dashboard/ }).first();
  await expect(link).toHaveAttribute('href', 'http://localhost:8081');
  await screenshot(page, 'component-finance-fact-sink');
});

test('the onboarding docs render under Docs', async ({ page }) => {
  await openPortal(page, '/docs/default/system/data-platform');
  // TechDocs builds the site with mkdocs on first request; that can take a while.
  await expect(page.getByText(/Debezium/).first()).toBeVisible({ timeout: 120_000 });
  await screenshot(page, 'docs-index');
  await openPortal(page, '/docs/default/system/data-platform/governance/');
  await expect(page.getByText(/Nessie/).first()).toBeVisible({ timeout: 60_000 });
  await screenshot(page, 'docs-governance');
});
