import type { Entity } from '@backstage/catalog-model';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CassandraClient,
  CassandraDriver,
  CouchDbClient,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { servingPlugin } from '../plugin';
import { servingStoresServiceRef } from '../service/servingStoresServiceRef';
import { DefaultServingStoresService } from '../service/ServingStoreService';
import { FAKE_COUCHDB } from './fakeStores';

/** A catalog entity naming serving targets. */
export function servingEntity(
  name: string,
  sinks: string | undefined,
  kind = 'Resource',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: {
      name,
      namespace: 'default',
      annotations:
        sinks === undefined ? {} : { 'dataplatform.io/serving-sinks': sinks },
    },
    spec: { type: 'cassandra-table', owner: 'inventory-team' },
  };
}

export interface TestBackendOptions {
  entities: Entity[];
  cassandra?: CassandraDriver;
  couchdbUrl?: string;
  decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Replace the whole service (the stores from app-config otherwise). */
  registry?: UpstreamRegistry;
}

/** The serving plugin in a test backend: a fetch bound to /api/serving, and the mocks. */
export async function startServingBackend(options: TestBackendOptions) {
  const auditor = mockServices.auditor.mock();
  const events: Array<{ eventId: string; meta: any }> = [];
  const success = jest.fn();
  const fail = jest.fn();
  auditor.createEvent.mockImplementation(async o => {
    events.push({ eventId: o.eventId, meta: o.meta });
    return { success, fail };
  });
  const authorize = jest.fn(async (requests: unknown[]) =>
    requests.map(() => ({ result: options.decision ?? AuthorizeResult.ALLOW })),
  );
  const registry =
    options.registry ??
    new UpstreamRegistry({
      flink: [],
      kafka: [],
      kafkaConnect: [],
      nessie: [],
      trino: [],
      cassandra: options.cassandra
        ? [
            {
              name: 'local',
              client: new CassandraClient({
                contactPoints: ['127.0.0.1:9042'],
                localDataCenter: 'datacenter1',
                timeoutMs: 4000,
                driver: options.cassandra,
              }),
            },
          ]
        : [],
      couchdb: [
        {
          name: 'local',
          client: new CouchDbClient({
            baseUrl: options.couchdbUrl ?? FAKE_COUCHDB,
            user: 'admin',
            password: 'secret',
          }),
          uiUrl: 'http://couch.ui/_utils/',
        },
      ],
    });
  const { server } = await startTestBackend({
    features: [
      servingPlugin,
      createServiceFactory({
        service: servingStoresServiceRef,
        deps: {},
        factory: () => new DefaultServingStoresService(registry),
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.permissions.mock({ authorize: authorize as any }).factory,
      auditor.factory,
    ],
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://localhost:${port}/api/serving`;
  const call = async (
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
  ) => {
    const started = Date.now();
    const res = await fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      headers: {
        ...(init?.body === undefined
          ? {}
          : { 'Content-Type': 'application/json' }),
        ...init?.headers,
      },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return {
      status: res.status,
      body: (await res.json()) as any,
      ms: Date.now() - started,
    };
  };
  const lookup = (body: unknown, headers?: Record<string, string>) =>
    call('/lookup', { method: 'POST', body, headers });
  return { server, base, call, lookup, authorize, events, success, fail };
}
