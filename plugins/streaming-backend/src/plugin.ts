import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  CoalescingCache,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { createRouter } from './router';
import { ConnectorRestartService } from './service/ConnectorRestartService';
import { StreamingStatusService } from './service/StreamingStatusService';

/** Kafka topic, consumer lag and Kafka Connect status of catalog entities, under /api/streaming. */
export const streamingPlugin = createBackendPlugin({
  pluginId: 'streaming',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        httpAuth,
        httpRouter,
        permissions,
        auditor,
        catalog,
      }) {
        const settings = config.getOptionalConfig('dataPlatform.streaming');
        // Under 5 s, so a page shows "Kafka is down" before the browser gives up.
        const timeoutMs =
          settings?.getOptionalNumber('upstreamTimeoutMs') ?? 4000;
        const cache = new CoalescingCache({
          ttlMs: settings?.getOptionalNumber('cacheTtlMs') ?? 5000,
        });
        const status = new StreamingStatusService(
          UpstreamRegistry.fromConfig(config),
          cache,
          timeoutMs,
        );
        httpRouter.use(
          await createRouter({
            httpAuth,
            catalog,
            status,
            restarts: new ConnectorRestartService(
              status,
              permissions,
              auditor,
              timeoutMs,
            ),
          }),
        );
      },
    });
  },
});
