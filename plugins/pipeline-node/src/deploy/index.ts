export * from './types';
export { PipelineDeployer } from './PipelineDeployer';
export type { DeployTarget } from './PipelineDeployer';
export { planOnGateway, PlanRejectedError } from './gatewayPlan';
export type {
  ExplainBuilder,
  GatewayPlan,
  GatewayPlanOptions,
} from './gatewayPlan';
export { checkAuthoredSelect } from './selectCheck';
export type { SelectCheckOptions, SelectCheckOutcome } from './selectCheck';
export {
  PlanScopeError,
  assertPlanScope,
  planScopeProblems,
  scannedTables,
  ownTables,
} from './planScope';
export { probeStackObjects } from './stackObjects';
export type { ObjectPresence } from './stackObjects';
export {
  UnclaimedStateError,
  specDigest,
  SPEC_DIGEST_PARAMETER,
} from './flinkJobStep';
export type { FlinkJobStepOptions } from './flinkJobStep';
