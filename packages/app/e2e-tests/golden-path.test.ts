import fs from 'node:fs';
import path from 'node:path';
import { test, expect, APIRequestContext } from '@playwright/test';
import { parse } from 'yaml';
import { REPO_ROOT, apiToken, openPortal, screenshot } from './support';

// The golden path on the real stack: the CDC → lakehouse template runs as a real scaffolder task
// (publish to the local git server, register, deploy), the entity appears in the catalog, its
// Flink job runs, and MariaDB's orders (the stack's generator keeps writing them) arrive in the
// Paimon table, read back through Trino. Everything it deployed is removed afterwards.

const run = Date.now().toString(36);
const name = `e2e-orders-${run}`;
const paimonTable = `e2e_orders_${run}`;
// The form leaves the catalog database empty: the pipeline gets a database named after itself.
const database = name.replace(/-/g, '_');
const FLINK = 'http://127.0.0.1:8081';
const CONNECT = 'http://127.0.0.1:8083';
const TRINO = 'http://127.0.0.1:8085';
const NESSIE = 'http://127.0.0.1:19120/api/v2';
// A Nessie domain of its own, as a team would pick (empty, the form uses the pipeline's name).
const domain = `e2e-${run}`;

const auth = () => ({ Authorization: `Bearer ${apiToken()}` });

/**
 * A scaffolder task acts with its initiator's credentials when it calls the catalog; the test's
 * static token is a restricted service principal, which Backstage refuses to delegate. So the task
 * is started the way the portal does it: as the signed-in (guest) user.
 */
async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

function formDefaults(): Record<string, unknown> {
  const template = parse(
    fs.readFileSync(
      path.join(REPO_ROOT, 'templates/cdc-lakehouse/template.yaml'),
      'utf8',
    ),
  );
  const values: Record<string, unknown> = {};
  for (const page of template.spec.parameters)
    for (const [key, property] of Object.entries<any>(page.properties))
      if (property.default !== undefined) values[key] = property.default;
  return values;
}

async function trinoCount(
  request: APIRequestContext,
  table: string,
): Promise<number | undefined> {
  let res = await request.post(`${TRINO}/v1/statement`, {
    headers: { 'X-Trino-User': 'portal-e2e' },
    data: `SELECT count(*) FROM lakehouse.${database}.${table}`,
  });
  for (let i = 0; i < 100; i++) {
    const body = await res.json();
    if (body.error) return undefined; // not in Nessie yet (the first checkpoint commits the table)
    if (body.data) return Number(body.data[0][0]);
    if (!body.nextUri) return undefined;
    await new Promise(r => setTimeout(r, 200));
    res = await request.get(body.nextUri, {
      headers: { 'X-Trino-User': 'portal-e2e' },
    });
  }
  return undefined;
}

test.describe('golden path', () => {
  test.afterAll(async ({ request }) => {
    // Out of the catalog too: its location first (else the next refresh brings it back), then
    // every entity the location had emitted (a not-deployed job would degrade the seed's lineage).
    const location = await request.get(
      `/api/catalog/locations/by-entity/component/default/${name}`,
      { headers: auth() },
    );
    if (location.ok()) {
      const { id, type, target } = await location.json();
      const emitted = await request.get(
        `/api/catalog/entities/by-query?filter=${encodeURIComponent(
          `metadata.annotations.backstage.io/managed-by-location=${type}:${target}`,
        )}`,
        { headers: auth() },
      );
      await request.delete(`/api/catalog/locations/${id}`, {
        headers: auth(),
      });
      for (const entity of emitted.ok() ? (await emitted.json()).items : [])
        await request.delete(
          `/api/catalog/entities/by-uid/${entity.metadata.uid}`,
          { headers: auth() },
        );
    }
    const jobs = (await (await request.get(`${FLINK}/jobs/overview`)).json())
      .jobs as any[];
    for (const job of jobs.filter(
      j => j.name === name && j.state === 'RUNNING',
    ))
      await request.patch(`${FLINK}/jobs/${job.jid}?mode=cancel`);
    await request.delete(`${CONNECT}/connectors/${name}-cdc`);
    const branch = `${domain}/daily`;
    const ref = await request.get(
      `${NESSIE}/trees/${encodeURIComponent(branch)}`,
    );
    if (ref.ok()) {
      const { hash } = (await ref.json()).reference;
      await request.delete(
        `${NESSIE}/trees/${encodeURIComponent(`${branch}@${hash}`)}`,
      );
    }
  });

  test('CDC → lakehouse: template → repository → catalog → RUNNING job → rows in Paimon via Trino', async ({
    page,
    request,
  }) => {
    test.setTimeout(600_000);
    const asGuest = { Authorization: `Bearer ${await guestToken(request)}` };
    const created = await request.post('/api/scaffolder/v2/tasks', {
      headers: asGuest,
      data: {
        templateRef: 'template:default/cdc-lakehouse',
        values: { ...formDefaults(), name, paimonTable, domain },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = await created.json();

    let task: any;
    await expect
      .poll(
        async () => {
          task = await (
            await request.get(`/api/scaffolder/v2/tasks/${id}`, {
              headers: asGuest,
            })
          ).json();
          return task.status;
        },
        { timeout: 300_000, intervals: [3_000] },
      )
      .toMatch(/completed|failed/);
    const events = await (
      await request.get(`/api/scaffolder/v2/tasks/${id}/events`, {
        headers: asGuest,
      })
    ).json();
    const log = (events as any[])
      .map(e => e.body?.message)
      .filter(Boolean)
      .join('\n');
    expect(task.status, log.slice(-4000)).toBe('completed');
    expect(log).toMatch(
      /flink-job \(flink-rest\): \S+ created — RUNNING as [0-9a-f]{32}/,
    );

    // The repository on the platform's git server holds the spec and the rendered artefacts.
    const entity = await (
      await request.get(
        `/api/catalog/entities/by-name/component/default/${name}`,
        { headers: auth() },
      )
    ).json();
    expect(entity.metadata.annotations['dataplatform.io/flink-job-name']).toBe(
      name,
    );
    const source = entity.metadata.annotations[
      'backstage.io/managed-by-origin-location'
    ] as string;
    expect(source).toMatch(/^url:http:\/\/127\.0\.0\.1:9419\//);
    const spec = await request.get(
      source
        .replace(/^url:/, '')
        .replace(/catalog-info\.yaml$/, 'pipeline.yaml'),
    );
    expect(spec.status()).toBe(200);
    expect(parse(await spec.text()).flinkJob.name).toBe(name);

    const jobs = (await (await request.get(`${FLINK}/jobs/overview`)).json())
      .jobs as any[];
    expect(
      jobs.filter(j => j.name === name && j.state === 'RUNNING'),
    ).toHaveLength(1);

    await expect
      .poll(() => trinoCount(request, paimonTable), {
        timeout: 240_000,
        intervals: [10_000],
      })
      .toBeGreaterThan(0);

    await openPortal(page, `/catalog/default/component/${name}`);
    await expect(page.getByRole('heading', { name }).first()).toBeVisible();
    // The new pipeline's own cards: its Flink job running, its connector in the streaming card.
    await expect(page.getByText('RUNNING').first()).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText(`${name}-cdc`).first()).toBeVisible({
      timeout: 30_000,
    });
    await screenshot(page, 'golden-path-new-component');
    await openPortal(page, `/create/tasks/${id}`);
    await expect(
      page.getByText(
        'Deploy topic → connector → Nessie branch → Paimon table → Flink job',
      ),
    ).toBeVisible();
    await screenshot(page, 'golden-path-task');
  });

  test('the Create page offers the use-case templates, and the CDC form opens with its defaults', async ({
    page,
  }) => {
    await openPortal(page, '/create');
    for (const title of [
      'CDC → lakehouse',
      'Stream enrichment',
      'Fraud CEP',
      'Inventory 360',
      'Customer support 360',
    ])
      await expect(
        page.getByText(title, { exact: true }).first(),
      ).toBeVisible();
    await screenshot(page, 'create-page');
    await openPortal(page, '/create/templates/default/cdc-lakehouse');
    await expect(page.getByLabel(/Pipeline name/)).toHaveValue(
      'finance-orders-lakehouse',
    );
    await screenshot(page, 'create-cdc-form');
  });
});
