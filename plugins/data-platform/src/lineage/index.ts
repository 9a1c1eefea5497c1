export { buildLineage } from './buildLineage';
export type { Lineage, LineageNode, LineageStage } from './buildLineage';
export { dependsOnRefs, refOf, systemRefOf } from './entityRefs';
export { hasPipelineAnnotation, ROLE_LABELS, roleOf } from './roles';
export type { LineageRole } from './roles';
export {
  connectorsStatus,
  consumerLagStatus,
  flinkJobStatus,
  freshnessStatus,
  probeOf,
} from './status';
export { servingStatus } from './servingStatus';
export type { Health, LiveStatus, NodeStatus, Probe } from './status';
export { pipelineVerdict } from './verdict';
export type { Verdict, VerdictTone } from './verdict';
