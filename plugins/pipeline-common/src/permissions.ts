import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Permissions of the data-platform plugins. Every destructive call is one of these and is
 * checked against the catalog entity it acts on, so a policy can say "owners and platform
 * operators may" with the catalog's own conditions (isEntityOwner, ...).
 */

/** Cancel a Flink job. */
export const flinkJobCancelPermission = createPermission({
  name: 'dataplatform.flink.job.cancel',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Stop a Flink job with a savepoint. */
export const flinkJobStopPermission = createPermission({
  name: 'dataplatform.flink.job.stop',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Create a Nessie branch or tag. */
export const nessieReferenceCreatePermission = createPermission({
  name: 'dataplatform.nessie.reference.create',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Assign a Nessie branch to an earlier hash (rollback). */
export const nessieBranchRollbackPermission = createPermission({
  name: 'dataplatform.nessie.branch.rollback',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Restart a Kafka Connect connector's failed tasks. */
export const connectTaskRestartPermission = createPermission({
  name: 'dataplatform.connect.task.restart',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Run the row-limited Trino preview of an entity's table (read-only, but it costs the cluster). */
export const trinoPreviewPermission = createPermission({
  name: 'dataplatform.trino.preview',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** The destructive ones: a policy grants these to owners and platform operators only. */
export const dataPlatformDestructivePermissions = [
  flinkJobCancelPermission,
  flinkJobStopPermission,
  nessieReferenceCreatePermission,
  nessieBranchRollbackPermission,
  connectTaskRestartPermission,
];

export const dataPlatformPermissions = [
  ...dataPlatformDestructivePermissions,
  trinoPreviewPermission,
];
