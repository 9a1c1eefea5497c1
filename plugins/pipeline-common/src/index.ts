/**
 * The pipeline spec, catalog annotations and identifier rules shared by the
 * data-platform portal's templates, actions and plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './monitoringLinks';
export * from './permissions';
export * from './pipelineObjects';
export * from './restorePoints';
export * from './spec';
export type * from './wire';
