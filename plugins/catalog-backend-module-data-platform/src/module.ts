import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { MonitoringLinksProcessor } from './processor/MonitoringLinksProcessor';

export const catalogModuleDataPlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'data-platform',
  register({ registerInit }) {
    registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ catalog, config, logger }) {
        catalog.addProcessor(
          MonitoringLinksProcessor.fromConfig(config, logger),
        );
      },
    });
  },
});
