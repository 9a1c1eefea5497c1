/**
 * The pipeline registry (owners, claimed objects, deploy history, savepoints) and the one
 * authorized, audited, serialized path every deploy takes, under /api/pipeline.
 *
 * @packageDocumentation
 */
export { pipelinePlugin as default } from './plugin';
