import { test, expect } from '@playwright/test';
import { apiToken, openPortal, screenshot } from './support';

// The pipeline registry in the running portal (on PostgreSQL): the platform's seed pipelines are
// registered from config at start with their spec's owner, the Deployment tab shows what the
// registry records, and the static API token cannot deploy.

test('the static API token cannot deploy', async ({ request }) => {
  const res = await request.post('/api/pipeline/deploy', {
    headers: { Authorization: `Bearer ${apiToken()}` },
    data: { pipeline: 'default/finance-fact-sink', dryRun: true },
  });
  expect([401, 403]).toContain(res.status());
});

test('a seed pipeline is registered with its owner, and its Deployment tab shows it', async ({
  page,
}) => {
  await openPortal(
    page,
    '/catalog/default/component/finance-fact-sink/deployment',
  );
  await expect(
    page.getByText('Deployment of default/finance-fact-sink'),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByText('group:default/finance-team').first(),
  ).toBeVisible();
  // The local guest is an operator (app-config.yaml): the day-2 actions are offered.
  await expect(
    page.getByRole('button', { name: 'Plan and deploy HEAD…' }),
  ).toBeVisible();
  await screenshot(page, 'deployment-tab');
});
