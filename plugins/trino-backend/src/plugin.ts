import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { trinoPreviewPermission } from '@internal/backstage-plugin-pipeline-common';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import { createRouter } from './service/router';
import { createSourceSchemaRouter } from './service/sourceSchemaRouter';
import {
  readSourceCatalogs,
  SourceSchemaService,
} from './service/SourceSchemaService';
import { TrinoTableService } from './service/TrinoTableService';

/** Trino links, prepared queries, freshness and the row-limited preview, under /api/trino. */
export const trinoPlugin = createBackendPlugin({
  pluginId: 'trino',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({
        logger,
        config,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
      }) {
        permissionsRegistry.addPermissions([trinoPreviewPermission]);
        const registry = UpstreamRegistry.fromConfig(config);
        const service = new TrinoTableService(registry);
        httpRouter.use(
          await createRouter({
            logger,
            httpAuth,
            permissions,
            auditor,
            catalog,
            service,
          }),
        );
        httpRouter.use(
          createSourceSchemaRouter({
            httpAuth,
            schema: new SourceSchemaService(
              registry,
              readSourceCatalogs(config),
            ),
          }),
        );
      },
    });
  },
});
