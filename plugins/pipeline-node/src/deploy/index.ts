export * from './types';
export { PipelineDeployer } from './PipelineDeployer';
export type { DeployTarget } from './PipelineDeployer';
