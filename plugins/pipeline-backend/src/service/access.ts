import type {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionAuthorizer,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  connectTaskRestartPermission,
  flinkJobCancelPermission,
  flinkJobStopPermission,
  nessieBranchRollbackPermission,
  nessieReferenceCreatePermission,
  parsePipelineObjectRef,
  PIPELINE_OWNER_RULE,
  pipelinePermissions,
  RESOURCE_TYPE_PIPELINE,
} from '@internal/backstage-plugin-pipeline-common';
import { z } from 'zod';
import type { RegistryStore } from '../registry/RegistryStore';

/** What a pipeline permission is decided on: the registry's owner of the pipeline. */
export interface PipelineResource {
  id: string;
  owner: string;
}

export const pipelineResourceRef = createPermissionResourceRef<
  PipelineResource,
  never
>().with({ pluginId: 'pipeline', resourceType: RESOURCE_TYPE_PIPELINE });

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The user's ownership refs (the user and their groups) include the pipeline's registry owner. */
export const isPipelineOwner = createPermissionRule({
  name: PIPELINE_OWNER_RULE,
  description:
    "Allow when the pipeline's owner in the pipeline registry is one of the given ownership refs",
  resourceRef: pipelineResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Ownership refs of the user: the user and its groups'),
  }),
  apply: (resource, { claims }) =>
    claims.map(lower).includes(lower(resource.owner)),
  // Pipelines are never listed through permission filters: there is no query form.
  toQuery: () => {
    throw new Error(`${PIPELINE_OWNER_RULE} has no query form`);
  },
});

/**
 * Authorization of pipelines: the resource type the policy's conditions apply to, and one
 * way every route of this plugin checks a permission. A resource ref resolves through the
 * registry — a pipeline's entity ref (`component:default/x`) to that pipeline, an object ref
 * (`flink-job:local/x`) to the pipeline claiming the object — so other plugins (flink, nessie,
 * streaming) authorize on what they touch and the registry says whose it is.
 */
export class PipelineAccess {
  private readonly authorizer: (
    decision: Parameters<ReturnType<typeof createConditionAuthorizer>>[0],
    resource: PipelineResource | undefined,
  ) => boolean;

  constructor(
    private readonly permissions: PermissionsService,
    registry: PermissionsRegistryService,
    private readonly store: RegistryStore,
  ) {
    registry.addResourceType({
      resourceRef: pipelineResourceRef,
      permissions: [
        ...pipelinePermissions,
        flinkJobCancelPermission,
        flinkJobStopPermission,
        nessieReferenceCreatePermission,
        nessieBranchRollbackPermission,
        connectTaskRestartPermission,
      ],
      rules: [isPipelineOwner],
      getResources: refs => Promise.all(refs.map(ref => this.resolve(ref))),
    });
    this.authorizer = createConditionAuthorizer(
      registry.getPermissionRuleset(pipelineResourceRef),
    );
  }

  /** The pipeline an entity ref or object ref stands for, per the registry. */
  async resolve(ref: string): Promise<PipelineResource | undefined> {
    const object = parsePipelineObjectRef(ref);
    let id: string | undefined;
    if (object) {
      id = (await this.store.claimants([object])).get(ref);
    } else {
      try {
        const entity = parseEntityRef(ref);
        if (entity.kind.toLocaleLowerCase('en-US') === 'component')
          id = `${entity.namespace}/${entity.name}`;
      } catch {
        return undefined;
      }
    }
    const row = id ? await this.store.get(id) : undefined;
    return row ? { id: row.id, owner: row.owner } : undefined;
  }

  /**
   * Whether the caller may `permission` on `resource` (a registry row, or the pipeline a spec
   * would create). The policy answers ALLOW (operators), DENY, or its ownership condition, which
   * is applied here to the registry's owner — never to an owner the caller wrote.
   */
  async allowed(
    permission: ResourcePermission<typeof RESOURCE_TYPE_PIPELINE>,
    resource: PipelineResource | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY) return false;
    return this.authorizer(decision, resource);
  }

  /** A basic (unconditional) permission such as adopt. */
  async allowedBasic(
    permission: BasicPermission,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }
}
