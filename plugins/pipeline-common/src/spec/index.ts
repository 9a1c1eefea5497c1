export * from './identifiers';
export * from './credentials';
export * from './typeMapping';
export * from './pipelineSpec';
export * from './specQueries';
export * from './examples';
export * from './render';
export { hostileSpecInputs, generateHostileCases } from './hostileCases';
export { flinkTypeProblem, authoredSelectProblem } from './flinkSqlText';
