/**
 * The Deployment tab of a pipeline's entity page: what the registry records (owner, objects,
 * deployed digest), the spec at the repository's HEAD, the plan before anything changes, and
 * Deploy, Stop, Resume and Decommission — each permission-guarded and serialized by the backend.
 *
 * @packageDocumentation
 */
export { pipelinePlugin as default, isPipelineEntity } from './plugin';
export { pipelineApiRef, type PipelineApi } from './api/PipelineApi';
export { PipelineClient } from './api/PipelineClient';
