import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogEntityCreatePermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  dataPlatformDestructivePermissions,
  pipelineOwnerDecision,
  RESOURCE_TYPE_PIPELINE,
  trinoPreviewPermission,
} from '@internal/backstage-plugin-pipeline-common';

const DESTRUCTIVE = new Set(
  dataPlatformDestructivePermissions.map(p => p.name),
);

/**
 * Registering a location (or an entity) by hand makes the catalog ingest whatever YAML that URL
 * serves — owners and annotations included — and templates too. Only operators may; teams'
 * repositories are registered by the portal itself after publishing them (a service call the
 * policy never sees: `dataplatform:catalog:register` checks the registry first).
 */
const OPERATOR_ONLY = new Set([
  catalogLocationCreatePermission.name,
  catalogEntityCreatePermission.name,
]);

/**
 * Everything outside the data platform's writes stays allowed (as with the allow-all policy
 * this replaces), except registering locations by hand. Writes to the stack are permissions on
 * pipelines: allowed for operators, and otherwise conditional on being the pipeline's owner
 * per the pipeline registry (`IS_PIPELINE_OWNER`, applied by the pipeline backend to the
 * registry row the resource ref resolves to) — never on an entity's self-declared owner or
 * annotations. Only user principals reach a policy: service and static-token principals are
 * decided by the permissions service from their access restrictions.
 */
export class DataPlatformPermissionPolicy implements PermissionPolicy {
  static fromConfig(config: Config): DataPlatformPermissionPolicy {
    return new DataPlatformPermissionPolicy(
      config.getOptionalStringArray('dataPlatform.permissions.operators') ?? [],
    );
  }

  private readonly operators: Set<string>;

  constructor(operators: string[]) {
    // Ownership refs arrive normalized and lower-case ("group:default/data-platform-team").
    this.operators = new Set(
      operators.map(ref =>
        stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US'),
      ),
    );
  }

  private isOperator(user?: PolicyQueryUser) {
    return (user?.info.ownershipEntityRefs ?? []).some(ref =>
      this.operators.has(ref.toLocaleLowerCase('en-US')),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.name === trinoPreviewPermission.name) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (OPERATOR_ONLY.has(permission.name)) {
      return {
        result: this.isOperator(user)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      };
    }
    if (!DESTRUCTIVE.has(permission.name))
      return { result: AuthorizeResult.ALLOW };

    if (this.isOperator(user)) return { result: AuthorizeResult.ALLOW };
    // Adopting unclaimed objects is never conditional: operators only.
    if (!user || !isResourcePermission(permission, RESOURCE_TYPE_PIPELINE)) {
      return { result: AuthorizeResult.DENY };
    }
    return pipelineOwnerDecision(permission, user.info.ownershipEntityRefs);
  }
}
