/**
 * Scaffolder actions that deploy a pipeline spec to the data platform.
 *
 * @packageDocumentation
 */
export { scaffolderModulePipeline as default } from './module';
export {
  createDeployActions,
  DEPLOY_STEP_ACTIONS,
} from './actions/deployStepActions';
export { createRenderPipelineAction } from './actions/renderPipeline';
export { renderPipelineFiles } from './render/pipelineFiles';
export {
  createPublishLocalGitAction,
  PUBLISH_LOCAL_GIT_ACTION_ID,
} from './actions/publishLocalGit';
export { createSpecForShapeAction } from './actions/specForShape';
export {
  createRegisterInCatalogAction,
  REGISTER_ACTION_ID,
} from './actions/registerInCatalog';
export { PipelineBackendClient } from './pipelineBackend/PipelineBackendClient';
export type { PipelineBackend } from './pipelineBackend/PipelineBackendClient';
export { specForShape, USE_CASE_SHAPES } from './render/shapes';
