export * from './identifiers';
export * from './credentials';
export * from './typeMapping';
export * from './pipelineSpec';
export * from './specQueries';
export * from './examples';
export * from './render';
export {
  hostileSpecInputs,
  generateHostileCases,
  SEMANTIC_HOSTILE_CASES,
  semanticHostileInputs,
  SEMANTIC_TEST_SCOPE,
  semanticBaseInput,
} from './hostileCases';
export type { SemanticHostileCase } from './hostileCases';
export * from './inputScope';
export { SPEC_LIMITS } from './specLimits';
export { flinkTypeProblem, authoredSelectProblem } from './flinkSqlText';
export * from './useCases/shapeParameters';
export * from './useCases/shapeParamsSchema';
export * from './useCases/specForShape';
export {
  fraudDetectionSpec,
  fraudSignalsSelect,
  fraudAlertsSelect,
} from './useCases/fraud';
export {
  marketingPersonalizationSpec,
  marketingSegmentsSelect,
} from './useCases/marketing';
export * from './selectPosition';
export { MAX_SELECT_LENGTH } from './flinkSqlText';
