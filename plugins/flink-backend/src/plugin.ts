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
import { createSelectCheckRouter } from './selectCheckRouter';
import { FlinkFleetService } from './service/FlinkFleetService';
import { FlinkJobActions } from './service/FlinkJobActions';
import { FlinkJobService } from './service/FlinkJobService';
import { SelectCheckService } from './service/SelectCheckService';

/** Flink job health of catalog entities, under /api/flink. */
export const flinkPlugin = createBackendPlugin({
  pluginId: 'flink',
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
        const registry = UpstreamRegistry.fromConfig(config);
        const jobs = new FlinkJobService(
          registry,
          new CoalescingCache({ ttlMs: 5000 }),
        );
        // First: its own body limit must apply before the other routes' 10 kB one.
        httpRouter.use(
          createSelectCheckRouter({
            httpAuth,
            selectCheck: new SelectCheckService(registry),
          }),
        );
        httpRouter.use(
          await createRouter({
            httpAuth,
            catalog,
            jobs,
            fleet: new FlinkFleetService(registry, jobs, catalog),
            actions: new FlinkJobActions(jobs, permissions, auditor),
          }),
        );
      },
    });
  },
});
