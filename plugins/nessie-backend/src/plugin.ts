import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import { createRouter } from './router';
import { NessieActions } from './service/NessieActions';
import { PipelineRegistryTables } from './service/entityTables';
import { NessieVersions } from './service/NessieVersions';
import { PaimonVersions } from './service/PaimonVersions';
import { TableHistory } from './service/TableHistory';

/**
 * Nessie branches and tags of catalog entities, beside the Paimon snapshots and tags of
 * their tables, at /api/nessie.
 *
 * @public
 */
export const nessiePlugin = createBackendPlugin({
  pluginId: 'nessie',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        config,
        httpRouter,
        httpAuth,
        permissions,
        auditor,
        catalog,
        discovery,
        auth,
      }) {
        const registry = UpstreamRegistry.fromConfig(config);
        const nessie = new NessieVersions(registry);
        httpRouter.use(
          createRouter({
            httpAuth,
            catalog,
            nessie,
            paimon: new PaimonVersions(registry),
            actions: new NessieActions(nessie, permissions, auditor),
            history: new TableHistory(registry, nessie),
            pipelineTables: new PipelineRegistryTables(discovery, auth),
          }),
        );
      },
    });
  },
});
