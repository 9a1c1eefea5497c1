import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import catalogBackend from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import permissionBackend from '@backstage/plugin-permission-backend';
// A test backend wires the plugins together as packages/backend does.
/* eslint-disable @backstage/no-mixed-plugin-imports */
import flinkBackend from '@internal/backstage-plugin-flink-backend';
import nessieBackend from '@internal/backstage-plugin-nessie-backend';
import permissionModule from '@internal/backstage-plugin-permission-backend-module-data-platform';
import streamingBackend from '@internal/backstage-plugin-streaming-backend';
/* eslint-enable @backstage/no-mixed-plugin-imports */
import type { AddressInfo } from 'node:net';
import pipelinePlugin from '../index';

/**
 * Mock auth that keeps the acting plugin on a user's on-behalf-of token, as Backstage's real auth
 * does. The test-utils mock drops it, and without it the permission backend refuses to apply
 * conditions for a user request coming through another plugin; with it, the real permission
 * backend, the real policy and the pipeline backend's conditions run over HTTP exactly as in the
 * portal.
 */
const actorKeepingAuth = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }): AuthService {
    const mock = mockServices.auth({ pluginId: plugin.getId() });
    return {
      authenticate: (token, options) => mock.authenticate(token, options),
      getNoneCredentials: () => mock.getNoneCredentials(),
      getOwnServiceCredentials: () => mock.getOwnServiceCredentials(),
      isPrincipal: ((credentials: BackstageCredentials, type: any) =>
        mock.isPrincipal(credentials, type)) as AuthService['isPrincipal'],
      getLimitedUserToken: credentials => mock.getLimitedUserToken(credentials),
      listPublicServiceKeys: () => mock.listPublicServiceKeys(),
      async getPluginRequestToken(options) {
        const principal = options.onBehalfOf.principal as {
          type: string;
          userEntityRef?: string;
        };
        if (principal.type === 'user')
          return {
            token: mockCredentials.user.token(principal.userEntityRef, {
              actor: { subject: `plugin:${plugin.getId()}` },
            }),
          };
        return mock.getPluginRequestToken(options);
      },
    };
  },
});

/**
 * A user's ownership refs from the catalog's relations (the user and the groups it is a member
 * of), as Backstage's sign-in resolvers put them in the user's token.
 */
const catalogUserInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: { discovery: coreServices.discovery, auth: coreServices.auth },
  factory({ discovery, auth }) {
    return {
      async getUserInfo(credentials: BackstageCredentials) {
        const userEntityRef = (
          credentials.principal as { userEntityRef: string }
        ).userEntityRef;
        const [, namespace, name] = /^user:([^/]+)\/(.+)$/.exec(userEntityRef)!;
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: await auth.getOwnServiceCredentials(),
          targetPluginId: 'catalog',
        });
        const res = await fetch(
          `${await discovery.getBaseUrl(
            'catalog',
          )}/entities/by-name/user/${namespace}/${name}`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        const user = res.ok ? ((await res.json()) as Entity) : undefined;
        const groups = (user?.relations ?? [])
          .filter(r => r.type === 'memberOf')
          .map(r => r.targetRef);
        return {
          userEntityRef,
          ownershipEntityRefs: [userEntityRef, ...groups],
        };
      },
    };
  },
});

const staticEntities = (entities: Entity[]) =>
  createBackendModule({
    pluginId: 'catalog',
    moduleId: 'tenancy-entities',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'tenancy-entities',
            connect: async connection =>
              connection.applyMutation({
                type: 'full',
                entities: entities.map(entity => ({
                  entity: {
                    ...entity,
                    metadata: {
                      ...entity.metadata,
                      annotations: {
                        'backstage.io/managed-by-location': 'url:http://test/x',
                        'backstage.io/managed-by-origin-location':
                          'url:http://test/x',
                        ...entity.metadata.annotations,
                      },
                    },
                  },
                  locationKey: 'tenancy',
                })),
              }),
          });
        },
      });
    },
  });

export interface TenancyBackend {
  /** `http://localhost:<port>/api`. */
  api: string;
  /** A JSON call as a user (through the plugin's own auth) or a service. */
  call(
    as: string,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any }>;
}

/**
 * The portal's backend for two teams: the real pipeline, permission (with the data-platform
 * policy), catalog, flink, nessie and streaming plugins, against the real local stack, with the
 * registry on SQLite. Users are `user:default/<name>`; their groups come from the catalog.
 */
export async function startTenancyBackend(options: {
  entities: Entity[];
  config: JsonObject;
}): Promise<TenancyBackend> {
  const backend = await startTestBackend({
    features: [
      pipelinePlugin,
      permissionBackend,
      permissionModule,
      catalogBackend,
      staticEntities(options.entities),
      flinkBackend,
      nessieBackend,
      streamingBackend,
      actorKeepingAuth,
      catalogUserInfo,
      mockServices.rootConfig.factory({ data: options.config }),
    ],
  });
  const api = `http://localhost:${
    (backend.server.address() as AddressInfo).port
  }/api`;
  const call: TenancyBackend['call'] = async (as, method, path, body) => {
    const token = as.startsWith('service:')
      ? mockCredentials.service.token({
          onBehalfOf: mockCredentials.service(as.slice('service:'.length)),
          targetPluginId: path.split('/')[1],
        })
      : mockCredentials.user.token(`user:default/${as}`);
    const res = await fetch(`${api}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed };
  };
  return { api, call };
}
