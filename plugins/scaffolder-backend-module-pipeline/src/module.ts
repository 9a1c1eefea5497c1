import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  PipelineDeployer,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { createDeployActions } from './actions/deployStepActions';
import { createRenderPipelineAction } from './actions/renderPipeline';
import { createSpecForShapeAction } from './actions/specForShape';
import { createPublishLocalGitAction } from './actions/publishLocalGit';

/** Adds the pipeline deploy actions to the scaffolder; clients come from dataPlatform.upstreams. */
export const scaffolderModulePipeline = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'pipeline',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        const deployer = new PipelineDeployer(
          UpstreamRegistry.fromConfig(config),
        );
        scaffolder.addActions(
          createSpecForShapeAction(),
          createRenderPipelineAction(),
          ...createDeployActions(deployer),
        );
        scaffolder.addActions(createPublishLocalGitAction(config));
      },
    });
  },
});
