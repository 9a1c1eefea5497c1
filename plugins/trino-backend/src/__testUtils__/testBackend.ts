import type { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { trinoPlugin } from '../plugin';

/** A catalog Resource that names a Paimon table. */
export function tableEntity(
  name: string,
  table: string | undefined,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        ...(table === undefined
          ? {}
          : { 'dataplatform.io/paimon-table': table }),
        ...annotations,
      },
    },
    spec: { type: 'paimon-table', owner: 'data-platform-team' },
  };
}

export interface TestBackendOptions {
  trinoUrl: string;
  entities: Entity[];
  decision?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}

/** The trino plugin in a test backend; returns a fetch bound to /api/trino and the mocks. */
export async function startTrinoBackend(options: TestBackendOptions) {
  const auditor = mockServices.auditor.mock();
  const events: Array<{
    eventId: string;
    meta: unknown;
    severityLevel?: string;
  }> = [];
  const success = jest.fn();
  const fail = jest.fn();
  auditor.createEvent.mockImplementation(async o => {
    events.push({
      eventId: o.eventId,
      meta: o.meta,
      severityLevel: o.severityLevel,
    });
    return { success, fail };
  });
  const authorize = jest.fn(async (requests: unknown[]) =>
    requests.map(() => ({ result: options.decision ?? AuthorizeResult.ALLOW })),
  );
  const { server } = await startTestBackend({
    features: [
      trinoPlugin,
      mockServices.rootConfig.factory({
        data: {
          dataPlatform: {
            upstreams: {
              trino: [
                {
                  name: 'local',
                  url: options.trinoUrl,
                  user: 'portal',
                  catalog: 'lakehouse',
                  uiUrl: 'http://trino.ui/ui/',
                },
              ],
            },
          },
        },
      }),
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.permissions.mock({ authorize: authorize as any }).factory,
      auditor.factory,
    ],
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const base = `http://localhost:${port}/api/trino`;
  const call = async (
    path: string,
    init?: { method?: string; body?: unknown },
  ) => {
    const res = await fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      headers:
        init?.body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: init?.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const preview = (body: unknown) => call('/preview', { method: 'POST', body });
  return { server, call, preview, authorize, auditor, events, success, fail };
}
