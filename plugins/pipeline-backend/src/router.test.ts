import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { hostileSpecInputs } from '@internal/backstage-plugin-pipeline-common';
import type { AddressInfo } from 'node:net';
import pipelinePlugin from './index';

// The router's own checks, before any registry lookup or upstream call: who may write, and what a
// request must say. No upstream is configured, so a request that got further would fail loudly.
describe('pipeline router', () => {
  let api: string;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        pipelinePlugin,
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      ],
    });
    api = `http://localhost:${
      (backend.server.address() as AddressInfo).port
    }/api/pipeline`;
  });

  async function call(
    path: string,
    body: unknown,
    token = mockCredentials.user.token('user:default/alice'),
  ) {
    const res = await fetch(`${api}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  it('takes writes from signed-in users only', async () => {
    const service = mockCredentials.service.token({
      onBehalfOf: mockCredentials.service('external:portal-tests'),
      targetPluginId: 'pipeline',
    });
    for (const path of ['/deploy', '/stop', '/decommission'])
      expect(
        (await call(path, { pipeline: 'default/x' }, service)).status,
      ).toBe(403);
  });

  it('needs a spec or a pipeline, not both', async () => {
    const neither = await call('/deploy', {});
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toContain(
      'give either spec or pipeline (which deploys its spec at HEAD)',
    );
    const both = await call('/deploy', { spec: {}, pipeline: 'default/x' });
    expect(both.status).toBe(400);
  });

  it('refuses a hostile spec naming the field, before the registry is asked', async () => {
    const [hostile] = hostileSpecInputs();
    const res = await call('/deploy', { spec: hostile.input });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      `${hostile.path}: ${hostile.rule}`,
    );
  });

  it('asks what happens to topics and tables: a decommission must say both', async () => {
    const res = await call('/decommission', {
      pipeline: 'default/x',
      dropTopics: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('dropTables');
  });

  it.each([
    ['/deploy', { pipeline: '../x' }],
    ['/resume', { pipeline: 'default/x', savepointId: -1 }],
    ['/deploy', { pipeline: 'default/x', steps: ['drop-everything'] }],
    ['/deploy', { pipeline: 'default/x', extra: true }],
  ])('validates %s %j', async (path, body) => {
    expect((await call(path, body)).status).toBe(400);
  });

  it('answers 404 for a pipeline or an entity the registry does not know', async () => {
    expect((await call('/pipelines/default/nope', undefined)).status).toBe(404);
    expect(
      (await call('/by-entity?entityRef=resource:default/x', undefined)).status,
    ).toBe(404);
    expect((await call('/deploy', { pipeline: 'default/nope' })).status).toBe(
      404,
    );
  });
});
