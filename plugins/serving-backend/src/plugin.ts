import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { servingLookupPermission } from '@internal/backstage-plugin-pipeline-common';
import { createRouter } from './service/router';
import { servingStoresServiceRef } from './service/servingStoresServiceRef';

/** Serving stores of entities (Cassandra, CouchDB): figures and lookup by key, under /api/serving. */
export const servingPlugin = createBackendPlugin({
  pluginId: 'serving',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        service: servingStoresServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        service,
      }) {
        permissionsRegistry.addPermissions([servingLookupPermission]);
        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            auditor,
            catalog,
            service,
          }),
        );
      },
    });
  },
});
