import type { Entity } from '@backstage/catalog-model';
import type { ServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { AddressInfo } from 'node:net';
import { streamingPlugin } from '../plugin';

/** A component annotated like the local stack's live pipeline. */
export function streamingEntity(
  name: string,
  annotations: Record<string, string>,
  kind = 'Component',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations },
    spec: {
      type: 'flink-job',
      owner: 'group:default/data-platform-team',
      lifecycle: 'experimental',
    },
  };
}

/** Starts the streaming plugin alone and returns a fetch bound to /api/streaming. */
export async function startStreaming(options: {
  entities: Entity[];
  upstreams: { kafkaBrokers: string[]; connectUrl: string };
  extraFeatures?: ServiceFactory[];
}) {
  const { server } = await startTestBackend({
    features: [
      streamingPlugin,
      catalogServiceMock.factory({ entities: options.entities }),
      mockServices.rootConfig.factory({
        data: {
          dataPlatform: {
            upstreams: {
              kafka: [
                { name: 'local', brokers: options.upstreams.kafkaBrokers },
              ],
              kafkaConnect: [
                { name: 'local', url: options.upstreams.connectUrl },
              ],
            },
            // Answers must not be reused between tests that change what the upstream says.
            streaming: { cacheTtlMs: 1 },
          },
        },
      }),
      ...(options.extraFeatures ?? []),
    ],
  });
  const base = `http://127.0.0.1:${
    (server.address() as AddressInfo).port
  }/api/streaming`;
  return {
    get: (path: string) => fetch(`${base}${path}`),
    post: (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
  };
}
