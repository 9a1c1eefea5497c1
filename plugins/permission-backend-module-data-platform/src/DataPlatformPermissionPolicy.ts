import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
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
  trinoPreviewPermission,
} from '@internal/backstage-plugin-pipeline-common';

const DESTRUCTIVE = new Set(
  dataPlatformDestructivePermissions.map(p => p.name),
);

/**
 * Everything outside the data platform's destructive permissions stays allowed (as with the
 * allow-all policy this replaces). Destructive ones: allowed for operators, conditional on
 * ownership of the entity for everyone else. Only user principals reach a policy: service and
 * static-token principals are decided by the permissions service from their access restrictions.
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

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (permission.name === trinoPreviewPermission.name) {
      return { result: user ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }
    if (!DESTRUCTIVE.has(permission.name))
      return { result: AuthorizeResult.ALLOW };

    const claims = user?.info.ownershipEntityRefs ?? [];
    if (
      claims.some(ref => this.operators.has(ref.toLocaleLowerCase('en-US')))
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user || !isResourcePermission(permission, 'catalog-entity')) {
      return { result: AuthorizeResult.DENY };
    }
    return createCatalogConditionalDecision(
      permission,
      catalogConditions.isEntityOwner({ claims }),
    );
  }
}
