import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  connectTaskRestartPermission,
  financeReconciliationExample,
} from '@internal/backstage-plugin-pipeline-common';
import type { AddressInfo } from 'node:net';
import { stringify } from 'yaml';
import permissionBackend from '@backstage/plugin-permission-backend';
// The registry the policy's conditions are applied to, wired as packages/backend does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import pipelineBackend from '@internal/backstage-plugin-pipeline-backend';
import { permissionModuleDataPlatform } from './module';

// The real permission backend with this policy, and the real pipeline backend whose registry says
// who owns what: a platform pipeline of the orders team, registered from its spec file. The
// conditional decision for non-operators is applied by the pipeline backend to the registry row
// the resource ref (here: the pipeline's connector) resolves to — not to any catalog entity.
const connector = 'finance-reconciliation-mariadb';

const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/data-platform-team'],
  'user:default/olga': ['user:default/olga', 'group:default/orders-team'],
  'user:default/bob': ['user:default/bob', 'group:default/payments-team'],
};

describe('data-platform policy with the pipeline registry', () => {
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-it-'));
    const specFile = path.join(dir, 'pipeline.yaml');
    await fs.writeFile(
      specFile,
      stringify({
        ...financeReconciliationExample,
        owner: 'group:default/orders-team',
      }),
    );
    const { server } = await startTestBackend({
      features: [
        permissionBackend,
        permissionModuleDataPlatform,
        pipelineBackend,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            dataPlatform: {
              permissions: { operators: ['group:default/data-platform-team'] },
              // Never called: registration records the spec's objects on these instance names.
              upstreams: {
                kafkaConnect: [{ name: 'local', url: 'http://127.0.0.1:1' }],
              },
              registry: { platformPipelines: [specFile] },
            },
          },
        }),
        mockServices.userInfo.mock({
          getUserInfo: async credentials => {
            const userEntityRef = (
              credentials.principal as { userEntityRef: string }
            ).userEntityRef;
            return {
              userEntityRef,
              ownershipEntityRefs: ownership[userEntityRef] ?? [userEntityRef],
            };
          },
        }).factory,
      ],
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  }, 60_000);

  afterAll(() => fs.rm(dir, { recursive: true, force: true }));

  async function post(url: string, authorization: string, body: unknown) {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
    return JSON.parse(text).items[0];
  }

  /**
   * The permission backend's decision for a user asking through a plugin (a user token with a
   * service actor), applied the way the permission backend applies a CONDITIONAL answer: by the
   * pipeline backend's apply-conditions endpoint, for the resource ref given.
   */
  async function decide(userRef: string, resourceRef: string) {
    const permission = connectTaskRestartPermission;
    const decision = await post(
      '/permission/authorize',
      `Bearer ${mockCredentials.user.token(userRef, {
        actor: { subject: 'plugin:streaming' },
      })}`,
      { items: [{ id: '1', permission }] },
    );
    if (decision.result !== 'CONDITIONAL') return decision.result;
    expect(decision).toMatchObject({
      pluginId: 'pipeline',
      resourceType: 'pipeline',
      conditions: { rule: 'IS_PIPELINE_OWNER' },
    });
    const applied = await post(
      '/pipeline/.well-known/backstage/permissions/apply-conditions',
      mockCredentials.service.header(),
      {
        items: [
          {
            id: '1',
            resourceRef,
            resourceType: 'pipeline',
            conditions: decision.conditions,
          },
        ],
      },
    );
    return applied.result;
  }

  it('allows an operator without asking the registry', async () => {
    expect(
      await decide('user:default/ada', `connector:local/${connector}`),
    ).toBe('ALLOW');
  });

  it("allows a member of the pipeline's owner group, per the registry", async () => {
    expect(
      await decide('user:default/olga', `connector:local/${connector}`),
    ).toBe('ALLOW');
    expect(
      await decide(
        'user:default/olga',
        'component:default/finance-reconciliation',
      ),
    ).toBe('ALLOW');
  });

  it('denies a user of another team, and anyone on an object no pipeline claims', async () => {
    expect(
      await decide('user:default/bob', `connector:local/${connector}`),
    ).toBe('DENY');
    expect(
      await decide('user:default/olga', 'connector:local/commerce-mariadb'),
    ).toBe('DENY');
  });
});
