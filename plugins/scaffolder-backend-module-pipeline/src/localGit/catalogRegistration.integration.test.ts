import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import {
  actionContext,
  LOCAL_GIT_SERVER,
  requireLocalGitServer,
} from '../__testUtils__/gitServer';
import { createPublishLocalGitAction } from '../actions/publishLocalGit';
import { LocalGitPublisher } from './LocalGitPublisher';

// The real catalog backend, configured like app-config.yaml (backend.reading.allow), registers what
// dataplatform:publish:local-git pushed to the stack's git server.
const run = `${Date.now()}`;
const entityName = `it-catalog-${run}`;
const readingAllow = {
  reading: { allow: [{ host: new URL(LOCAL_GIT_SERVER).host }] },
};

const startCatalog = (backend: {
  reading?: { allow: Array<{ host: string }> };
}) =>
  startTestBackend({
    features: [
      catalogPlugin,
      mockServices.rootConfig.factory({
        data: {
          backend,
          catalog: { rules: [{ allow: ['Component', 'Location'] }] },
        },
      }),
    ],
  });

let catalogInfoUrl: string;
let repoContentsUrl: string;

beforeAll(async () => {
  await requireLocalGitServer();
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'catalog-it-'));
  // Without an SCM integration the catalog adds no source-location, so the template writes it
  // into catalog-info.yaml (the URLs are known before publishing).
  const { repoContentsUrl: contents } = new LocalGitPublisher(
    LOCAL_GIT_SERVER,
  ).urls('integration-tests', `catalog-${run}`, 'main');
  await writeFile(
    path.join(workspace, 'catalog-info.yaml'),
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${entityName}\n  description: published by an integration test\n  annotations:\n    backstage.io/source-location: url:${contents}/\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-it\n`,
  );
  const { ctx, output } = actionContext(
    { owner: 'integration-tests', name: `catalog-${run}` },
    workspace,
  );
  await createPublishLocalGitAction({ serverUrl: LOCAL_GIT_SERVER }).handler(
    ctx,
  );
  catalogInfoUrl = String(output.get('catalogInfoUrl'));
  repoContentsUrl = String(output.get('repoContentsUrl'));
  await rm(workspace, { recursive: true, force: true });
});

describe('catalog registration of a published repository', () => {
  it('without backend.reading.allow the catalog refuses to read the URL (negative control)', async () => {
    const backend = await startCatalog({});
    const { server } = backend;
    try {
      const res = await request(server)
        .post('/api/catalog/locations?dryRun=true')
        .send({ type: 'url', target: catalogInfoUrl });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(res.body)).toMatch(
        /is not allowed.*backend\.reading\.allow/,
      );
    } finally {
      await backend.stop();
    }
  });

  it('registers catalogInfoUrl through the locations API and the entity appears', async () => {
    const backend = await startCatalog(readingAllow);
    const { server } = backend;
    try {
      const res = await request(server)
        .post('/api/catalog/locations')
        .send({ type: 'url', target: catalogInfoUrl });
      expect(res.status).toBe(201);
      let entity: any;
      for (let i = 0; i < 60 && !entity; i++) {
        const got = await request(server).get(
          `/api/catalog/entities/by-name/component/default/${entityName}`,
        );
        if (got.status === 200) entity = got.body;
        else await new Promise(r => setTimeout(r, 500));
      }
      expect(entity?.metadata.description).toBe(
        'published by an integration test',
      );
      expect(
        entity.metadata.annotations['backstage.io/managed-by-location'],
      ).toBe(`url:${catalogInfoUrl}`);
      // The entity's links (view = the raw YAML, source = the repository page) open on the server.
      expect(entity.metadata.annotations['backstage.io/view-url']).toBe(
        catalogInfoUrl,
      );
      expect(entity.metadata.annotations['backstage.io/source-location']).toBe(
        `url:${repoContentsUrl}/`,
      );
      const page = await fetch(`${repoContentsUrl}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('catalog-info.yaml');
    } finally {
      await backend.stop();
    }
  });
});
