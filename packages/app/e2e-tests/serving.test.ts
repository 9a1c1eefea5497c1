import { test, expect, type Page } from '@playwright/test';
import { openPortal, screenshot } from './support';

/**
 * The serving-store card on the seed's serving targets (catalog/pipelines/*, rendered from their
 * specs): the OMS's "stock of this SKU" in Cassandra inventory.inventory_projection, and the
 * support agent's "show me this customer's case" in the CouchDB view customer_case. SKU-1 and
 * customer 2 come from the stack's seed data (infra/local/sql/*-seed.sql).
 */
const servingCard = (page: Page) =>
  page.locator('.bui-Card', {
    has: page.getByRole('heading', { name: 'Serving store' }),
  });

/** "1,234 (exact)", "≈ 9,000 (estimate)", "≥ 5,000 (at least)". */
const ROWS = /^[≈≥]? ?[\d,]+ \((exact|estimate|at least)\)$/;

/**
 * Opens the entity until its target shows rows and a lookup of `key` finds a row: the pipeline
 * writes the store within seconds of its first checkpoint, a fresh stack may need a reload.
 */
async function openAndLookUp(
  page: Page,
  url: string,
  target: string,
  field: RegExp,
  key: string,
) {
  const card = servingCard(page);
  const section = card.getByRole('region', { name: target });
  await expect(async () => {
    await openPortal(page, url);
    await expect(section.getByText(ROWS)).toBeVisible({ timeout: 20_000 });
    await section.getByRole('textbox', { name: field }).fill(key);
    await section.getByRole('button', { name: 'Look up' }).click();
    await expect(
      section.getByRole('grid', { name: 'Lookup rows' }),
    ).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 150_000, intervals: [10_000] });
  return section;
}

async function screenshots(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 900],
    [1920, 1080],
  ]) {
    await page.setViewportSize({ width, height });
    await servingCard(page).scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${width}`);
  }
}

test.describe('serving-plugin', () => {
  test("Cassandra: the OMS's stock of one SKU, with rows, last write and write latency", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const section = await openAndLookUp(
      page,
      '/catalog/default/resource/cassandra.inventory.inventory_projection',
      'cassandra:inventory.inventory_projection',
      /^sku/,
      'SKU-1',
    );
    const rows = section.getByRole('grid', { name: 'Lookup rows' });
    await expect(rows.getByRole('columnheader', { name: 'sku' })).toBeVisible();
    await expect(rows.getByText('SKU-1').first()).toBeVisible();
    await expect(section.getByText(/Read-only, at most 20 rows/)).toBeVisible();
    await expect(section.getByText('Last write')).toBeVisible();
    await expect(
      section.getByText('Write latency from the source commit'),
    ).toBeVisible();
    await screenshots(page, 'serving-card-inventory-projection');
  });

  test("CouchDB: the support agent's case of one customer in the view", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const section = await openAndLookUp(
      page,
      '/catalog/default/resource/couchdb.customer_case',
      'couchdb:customer_case',
      /^Key/,
      '2',
    );
    await expect(
      section
        .getByRole('grid', { name: 'Lookup rows' })
        .getByRole('columnheader', { name: 'customer_id' }),
    ).toBeVisible();
    await screenshots(page, 'serving-card-customer-case');
  });

  test('the serving card shows on the job of a pipeline with serving sinks, one section per target', async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openPortal(page, '/catalog/default/component/customer-case-builder');
    const card = servingCard(page);
    await expect(
      card.getByRole('region', { name: 'couchdb:customer_case' }),
    ).toBeVisible({ timeout: 30_000 });
    await expect(
      card.getByRole('region', {
        name: 'cassandra:support.customer_case_cache',
      }),
    ).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'serving-card-customer-case-builder-1920');
  });
});
