import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { connectTaskRestartPermission } from '@internal/backstage-plugin-pipeline-common';
import type { AddressInfo } from 'node:net';
import catalogBackend from '@backstage/plugin-catalog-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import { permissionModuleDataPlatform } from './module';

// The real permission and catalog backends with this module: the conditional decision for
// non-operators is resolved by the catalog's own isEntityOwner rule over HTTP.
const job: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders-job',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'url:http://test/x',
      'backstage.io/managed-by-origin-location': 'url:http://test/x',
    },
  },
  spec: {
    type: 'flink-job',
    lifecycle: 'experimental',
    owner: 'group:default/orders-team',
  },
};

const staticEntities = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'test-entities',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addEntityProvider({
          getProviderName: () => 'test-entities',
          connect: async connection =>
            connection.applyMutation({
              type: 'full',
              entities: [{ entity: job, locationKey: 'test' }],
            }),
        });
      },
    });
  },
});

const ownership: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/data-platform-team'],
  'user:default/olga': ['user:default/olga', 'group:default/orders-team'],
  'user:default/bob': ['user:default/bob', 'group:default/payments-team'],
};

describe('data-platform policy in the permission backend', () => {
  let base: string;

  beforeAll(async () => {
    const { server } = await startTestBackend({
      features: [
        permissionBackend,
        permissionModuleDataPlatform,
        catalogBackend,
        staticEntities,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            dataPlatform: {
              permissions: { operators: ['group:default/data-platform-team'] },
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
    // The catalog processes the provided entity asynchronously.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await fetch(
        `${base}/catalog/entities/by-name/component/default/orders-job`,
        {
          // A service principal: the catalog's own read check is not what this test is about.
          headers: { authorization: mockCredentials.service.header() },
        },
      );
      if (res.status === 200 && (await res.json()).relations?.length) break;
      if (Date.now() > deadline)
        throw new Error('the catalog did not process the test entity');
      await new Promise(r => setTimeout(r, 250));
    }
  }, 60_000);

  async function post(path: string, authorization: string, body: unknown) {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text}`);
    return JSON.parse(text).items[0];
  }

  // As a plugin asks on a user's behalf (the streaming backend does): a user token with a service actor.
  const onBehalfOf = (userRef: string) =>
    `Bearer ${mockCredentials.user.token(userRef, {
      actor: { subject: 'plugin:streaming' },
    })}`;

  /**
   * The permission backend's decision for a user. With mock auth, the permission backend's own
   * on-behalf-of call to the catalog's apply-conditions loses the actor and is refused, so a
   * CONDITIONAL answer is applied here the way the permission backend would: by the catalog's
   * apply-conditions endpoint, with the conditions the policy produced for this user.
   */
  async function decide(userRef: string) {
    const permission = connectTaskRestartPermission;
    const decision = await post('/permission/authorize', onBehalfOf(userRef), {
      items: [{ id: '1', permission }],
    });
    if (decision.result !== 'CONDITIONAL') return decision.result;
    expect(decision).toMatchObject({
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
    });
    const applied = await post(
      '/catalog/.well-known/backstage/permissions/apply-conditions',
      mockCredentials.service.header(),
      {
        items: [
          {
            id: '1',
            resourceRef: 'component:default/orders-job',
            resourceType: 'catalog-entity',
            conditions: decision.conditions,
          },
        ],
      },
    );
    return applied.result;
  }

  it('allows an operator without asking the catalog', async () => {
    expect(await decide('user:default/ada')).toBe('ALLOW');
  });

  it("allows a member of the entity's owner group", async () => {
    expect(await decide('user:default/olga')).toBe('ALLOW');
  });

  it('denies a user who neither owns the entity nor operates the platform', async () => {
    expect(await decide('user:default/bob')).toBe('DENY');
  });
});
