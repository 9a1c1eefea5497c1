import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readInputScope } from '@internal/backstage-plugin-pipeline-node';
import { createDeployActions } from './actions/deployStepActions';
import { createRenderPipelineAction } from './actions/renderPipeline';
import { createSpecForShapeAction } from './actions/specForShape';
import { createPublishLocalGitAction } from './actions/publishLocalGit';
import { createRegisterInCatalogAction } from './actions/registerInCatalog';
import { PipelineBackendClient } from './pipelineBackend/PipelineBackendClient';

/**
 * Adds the pipeline actions to the scaffolder. Deploying, publishing and registering go through
 * the pipeline backend (the registry) as the task's initiator; the actions stay thin.
 */
export const scaffolderModulePipeline = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'pipeline',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, auth, discovery, catalog }) {
        const backend = new PipelineBackendClient(discovery, auth);
        scaffolder.addActions(
          createSpecForShapeAction(),
          createRenderPipelineAction(),
          ...createDeployActions(backend, readInputScope(config)),
        );
        scaffolder.addActions(
          createPublishLocalGitAction(config, ({ credentials, ...body }) =>
            backend.reserveRepository(body, credentials),
          ),
          createRegisterInCatalogAction({ backend, catalog, auth }),
        );
      },
    });
  },
});
