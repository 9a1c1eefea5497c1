import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  createPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Permissions of the data-platform plugins. Every write to the stack is one of these and is a
 * permission on a `pipeline` resource: the pipeline registry (the portal's database) says who
 * owns a pipeline and which upstream objects (job, connectors, topics, tables, Nessie refs,
 * repository) it claims, so a policy decides "owners and platform operators may" on the
 * registry's owner, never on annotations or catalog-info a user can write. Read-only ones
 * stay on the catalog entity they show.
 */

/**
 * Resource type of the pipeline registry (plugin `pipeline`). A resource ref is either a
 * pipeline's entity ref (`component:default/orders-lakehouse`) or an upstream object ref
 * (`flink-job:local/orders-lakehouse`, see pipelineObjectRef); the registry resolves both to
 * the pipeline that claims them.
 */
export const RESOURCE_TYPE_PIPELINE = 'pipeline';

/** Cancel a Flink job. */
export const flinkJobCancelPermission = createPermission({
  name: 'dataplatform.flink.job.cancel',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Stop a Flink job with a savepoint. */
export const flinkJobStopPermission = createPermission({
  name: 'dataplatform.flink.job.stop',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Create a Nessie branch or tag. */
export const nessieReferenceCreatePermission = createPermission({
  name: 'dataplatform.nessie.reference.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Assign a Nessie branch to an earlier hash (rollback). */
export const nessieBranchRollbackPermission = createPermission({
  name: 'dataplatform.nessie.branch.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Restart a Kafka Connect connector's failed tasks. */
export const connectTaskRestartPermission = createPermission({
  name: 'dataplatform.connect.task.restart',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Run the row-limited Trino preview of an entity's table (read-only, but it costs the cluster). */
export const trinoPreviewPermission = createPermission({
  name: 'dataplatform.trino.preview',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Look rows up by key in an entity's serving store (read-only, row-limited). */
export const servingLookupPermission = createPermission({
  name: 'dataplatform.serving.lookup',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Deploy a pipeline: create it (claiming its names) or update it, and resume it. */
export const pipelineDeployPermission = createPermission({
  name: 'dataplatform.pipeline.deploy',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Stop a pipeline's job with a savepoint (Deployment tab). */
export const pipelineStopPermission = createPermission({
  name: 'dataplatform.pipeline.stop',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/** Decommission a pipeline: stop it, remove its connectors, keep or drop its topics and tables. */
export const pipelineDecommissionPermission = createPermission({
  name: 'dataplatform.pipeline.decommission',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/**
 * Create a restore point: stop the pipeline's job with a savepoint and resume it, tag its tables
 * in Paimon and main's commit in Nessie, record its source connectors' offsets.
 */
export const pipelineRestorePointCreatePermission = createPermission({
  name: 'dataplatform.pipeline.restore-point.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/**
 * Restore a pipeline to one of its restore points: its tables roll back (in Paimon and on
 * Nessie's main), its job resumes from the restore point's savepoint and its connectors from the
 * recorded offsets.
 */
export const pipelineRestorePermission = createPermission({
  name: 'dataplatform.pipeline.restore',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_PIPELINE,
});

/**
 * Adopt upstream objects that exist on the stack but no pipeline claims (a fresh portal
 * database, objects made by hand): never conditional, so only a policy's unconditional
 * grant (operators) allows it.
 */
export const pipelineAdoptPermission = createPermission({
  name: 'dataplatform.pipeline.adopt',
  attributes: { action: 'create' },
});

/** The writes of the pipeline registry itself. */
export const pipelinePermissions = [
  pipelineDeployPermission,
  pipelineStopPermission,
  pipelineDecommissionPermission,
  pipelineRestorePointCreatePermission,
  pipelineRestorePermission,
  pipelineAdoptPermission,
];

/** The destructive ones: a policy grants these to owners and platform operators only. */
export const dataPlatformDestructivePermissions = [
  ...pipelinePermissions,
  flinkJobCancelPermission,
  flinkJobStopPermission,
  nessieReferenceCreatePermission,
  nessieBranchRollbackPermission,
  connectTaskRestartPermission,
];

export const dataPlatformPermissions = [
  ...dataPlatformDestructivePermissions,
  trinoPreviewPermission,
  servingLookupPermission,
];

/** The registry's rule: the pipeline's owner (per the registry) is one of the user's ownership refs. */
export const PIPELINE_OWNER_RULE = 'IS_PIPELINE_OWNER';

/**
 * The conditional decision a policy returns for a pipeline permission: the pipeline backend
 * applies it to the registry row of the pipeline (or of the pipeline claiming the object) the
 * resource ref names.
 */
export function pipelineOwnerDecision(
  permission: ResourcePermission<typeof RESOURCE_TYPE_PIPELINE>,
  claims: string[],
): ConditionalPolicyDecision {
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'pipeline',
    resourceType: permission.resourceType,
    conditions: {
      rule: PIPELINE_OWNER_RULE,
      resourceType: permission.resourceType,
      params: { claims },
    },
  };
}
