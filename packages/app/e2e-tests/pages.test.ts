import { test, expect } from '@playwright/test';
import { openPortal, screenshot } from './support';

test('the catalog lists the platform and use-case systems', async ({
  page,
}) => {
  // The catalog is the landing page (app-config: page:catalog at /).
  await openPortal(page, '/?filters%5Bkind%5D=system&filters%5Buser%5D=all');
  for (const system of [
    'Streaming Data Platform',
    'Finance reconciliation',
    'Fraud detection',
    'Inventory 360',
  ]) {
    await expect(
      page.getByRole('link', { name: system }).first(),
    ).toBeVisible();
  }
  await screenshot(page, 'catalog-systems');
});

test('a use-case system shows its owner, monitoring links and relations graph', async ({
  page,
}) => {
  await openPortal(page, '/catalog/default/system/finance-reconciliation');
  await expect(
    page.getByRole('heading', { name: 'Finance reconciliation' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Finance Data' }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: /Flink dashboard/ }).first(),
  ).toBeVisible();
  // The relations graph draws one node per related entity.
  const node = page.locator('svg text', {
    hasText: /Finance fact sink job|finance-fact-sink/,
  });
  await expect(node.first()).toBeVisible();
  await screenshot(page, 'system-finance-reconciliation');
});

test('the catalog graph shows the finance flow from source to report', async ({
  page,
}) => {
  const params = new URLSearchParams();
  // Upstream lineage of the end-of-day report: follow dependsOn only, away from the root.
  params.append(
    'rootEntityRefs[]',
    'resource:default/doris.finance_eod_report',
  );
  params.append('maxDepth', '8');
  params.append('selectedRelations[]', 'dependsOn');
  params.append('unidirectional', 'true');
  params.append('direction', 'RL');
  await page.setViewportSize({ width: 2200, height: 1300 });
  await openPortal(page, `/catalog-graph?${params}`);
  // connector -> topic -> Flink job -> Paimon table -> batch job -> Doris table (the seed
  // pipeline's entities, rendered from catalog/pipelines/finance-fact-sink/pipeline.yaml)
  for (const node of [
    'finance-fact-sink-commerce-mariadb',
    'finance-fact-sink-my.commerce.orders',
    'finance-fact-sink',
    'commerce.finance_fact',
    'Finance end-of-day report',
    'doris.finance_eod_report',
  ]) {
    await expect(
      page.locator('svg text', { hasText: node }).first(),
    ).toBeVisible();
  }
  await screenshot(page, 'graph-finance-flow');
});

test('a pipeline component links to the configured Flink dashboard', async ({
  page,
}) => {
  await openPortal(page, '/catalog/default/component/finance-fact-sink');
  const link = page.getByRole('link', { name: /Flink dashboard/ }).first();
  await expect(link).toHaveAttribute('href', 'http://localhost:8081');
  await screenshot(page, 'component-finance-fact-sink');
});

test('the onboarding docs render under Docs', async ({ page }) => {
  await openPortal(page, '/docs/default/system/data-platform');
  // TechDocs builds the site with mkdocs on first request; that can take a while.
  const title = page.getByRole('heading', {
    name: 'Data platform onboarding',
    level: 1,
  });
  await expect(title).toBeVisible({ timeout: 120_000 });
  // TechDocs keeps the page at opacity 0 until its stylesheets load; toBeVisible ignores opacity.
  await expect
    .poll(() =>
      title.evaluate(el => getComputedStyle(el.closest('html')!).opacity),
    )
    .toBe('1');
  await screenshot(page, 'docs-index', { fullPage: false });
  await openPortal(page, '/docs/default/system/data-platform/governance/');
  await expect(
    page.getByRole('heading', { name: 'Governance and versioning', level: 1 }),
  ).toBeVisible({ timeout: 60_000 });
  // The versioning model as built: Paimon commits recorded on Nessie's main.
  await expect(
    page
      .getByText(
        /every Paimon commit of a Trino-readable table is a Nessie commit/,
      )
      .first(),
  ).toBeVisible();
  await screenshot(page, 'docs-governance', { fullPage: false });
});
