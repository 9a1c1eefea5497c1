import type { AddressInfo } from 'node:net';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AuthorizeResult } from '@backstage/plugin-permission-common';
import flinkPlugin from '../index';

/** A component entity that names a Flink job. */
export const jobEntity = (
  name: string,
  jobName?: string,
  extra: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      ...(jobName ? { 'dataplatform.io/flink-job-name': jobName } : {}),
      ...extra,
    },
  },
  spec: {
    type: 'flink-job',
    lifecycle: 'experimental',
    owner: 'data-platform-team',
  },
});

export interface FlinkTestBackendOptions {
  entities: Entity[];
  flink: Array<{
    name: string;
    restUrl: string;
    dashboardUrl?: string;
    sqlGatewayUrl?: string;
  }>;
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}

/**
 * The flink backend plugin on a real HTTP server with a mock catalog, a recording auditor and
 * a fixed permission decision. `call` speaks HTTP to it like the frontend does.
 */
export async function startFlinkBackend(options: FlinkTestBackendOptions) {
  const audits: Array<{
    options: any;
    outcome?: 'success' | 'fail';
    meta?: any;
    error?: Error;
  }> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async (o: any) => {
      const record: (typeof audits)[number] = { options: o };
      audits.push(record);
      return {
        success: async (s?: { meta?: any }) => {
          Object.assign(record, { outcome: 'success', meta: s?.meta });
        },
        fail: async (f: { meta?: any; error: Error }) => {
          Object.assign(record, {
            outcome: 'fail',
            meta: f.meta,
            error: f.error,
          });
        },
      };
    }),
  });
  const backend = await startTestBackend({
    features: [
      flinkPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: { dataPlatform: { upstreams: { flink: options.flink } } },
      }),
      auditor.factory,
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const baseUrl = `http://localhost:${port}/api/flink`;
  const call = async (
    path: string,
    init?: { method?: string; body?: unknown },
  ) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: init?.method ?? 'GET',
      headers:
        init?.body === undefined
          ? undefined
          : { 'Content-Type': 'application/json' },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  return { backend, baseUrl, call, audits };
}
