import { test, expect } from '@playwright/test';
import { Client } from 'pg';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_ROOTS, readCatalogFiles } from 'backend/catalogFiles';
import { apiToken } from './support';

// The e2e portal's catalog: the platform's files plus the e2e fixtures (app-config.e2e.yaml).
const expected = readCatalogFiles([
  ...CATALOG_ROOTS,
  'packages/app/e2e-tests/fixtures/catalog.yaml',
])
  .map(({ entity }) => stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
  .sort();

// The catalog adds a Location of its own for each location in app-config; those are not files.
const fromConfig = (ref: string) =>
  ref.startsWith('location:default/generated-');

async function servedEntities(
  request: import('@playwright/test').APIRequestContext,
) {
  const res = await request.get('/api/catalog/entities', {
    headers: { Authorization: `Bearer ${apiToken()}` },
  });
  expect(res.status()).toBe(200);
  const all = (await res.json()) as Array<any>;
  return all.filter(
    e => !fromConfig(stringifyEntityRef(e).toLocaleLowerCase('en-US')),
  );
}

test('the backend serves every entity of the catalog files, without processing errors', async ({
  request,
}) => {
  // The catalog ingests file locations in a few processing rounds after startup.
  await expect
    .poll(async () => (await servedEntities(request)).length, {
      timeout: 150_000,
      intervals: [2_000],
    })
    .toBe(expected.length);

  const served = await servedEntities(request);
  expect(
    served.map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US')).sort(),
  ).toEqual(expected);
  const withErrors = served.filter(e =>
    (e.status?.items ?? []).some((i: any) => i.level === 'error'),
  );
  expect(withErrors.map(e => stringifyEntityRef(e))).toEqual([]);
});

test('entities carry monitoring links resolved from app-config for the local stack', async ({
  request,
}) => {
  const res = await request.get(
    '/api/catalog/entities/by-name/component/default/flink-jobmanager',
    {
      headers: { Authorization: `Bearer ${apiToken()}` },
    },
  );
  expect(res.status()).toBe(200);
  const links = (await res.json()).metadata.links as Array<{
    url: string;
    type?: string;
  }>;
  expect(links).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        url: 'http://localhost:8081',
        type: 'monitoring',
      }),
    ]),
  );
});

test('the catalog is stored in the real PostgreSQL', async () => {
  const client = new Client({
    host: process.env.PORTAL_TEST_PG_HOST,
    port: Number(process.env.PORTAL_TEST_PG_PORT),
    user: process.env.PORTAL_TEST_PG_USER,
    database: process.env.PORTAL_TEST_PG_DATABASE,
  });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT entity_ref FROM catalog.final_entities WHERE final_entity IS NOT NULL',
    );
    expect(
      rows
        .map(r => r.entity_ref)
        .filter(r => !fromConfig(r))
        .sort(),
    ).toEqual(expected);
  } finally {
    await client.end();
  }
});

test('unauthenticated API calls are refused', async ({ request }) => {
  const res = await request.get('/api/catalog/entities');
  expect(res.status()).toBe(401);
});
