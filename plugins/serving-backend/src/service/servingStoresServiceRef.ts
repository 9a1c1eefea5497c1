import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { UpstreamRegistry } from '@internal/backstage-plugin-pipeline-node';
import {
  DefaultServingStoresService,
  ServingStoresService,
} from './ServingStoreService';

/**
 * The serving stores service of the serving plugin. Its default builds the clients from
 * `dataPlatform.upstreams` and closes the Cassandra sessions on shutdown; tests and other
 * deployments replace it with their own factory.
 */
export const servingStoresServiceRef = createServiceRef<ServingStoresService>({
  id: 'dataplatform.serving.stores',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        lifecycle: coreServices.lifecycle,
      },
      factory({ config, lifecycle }) {
        const registry = UpstreamRegistry.fromConfig(config);
        lifecycle.addShutdownHook(async () => {
          await Promise.all(
            registry.list('cassandra').map(c => c.client.close()),
          );
        });
        return new DefaultServingStoresService(registry);
      },
    }),
});
