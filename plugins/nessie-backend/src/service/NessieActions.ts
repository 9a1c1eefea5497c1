import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  nessieBranchRollbackPermission,
  nessieReferenceCreatePermission,
  pipelineObjectRef,
  type ReferenceChangeResponse,
} from '@internal/backstage-plugin-pipeline-common';
import type { Request } from 'express';
import type { z } from 'zod';
import { createReferenceBody, parse, rollbackBody } from '../requests';
import {
  ownsReference,
  requireBranch,
  VersionScope,
  versionScope,
} from './entityScope';
import type { NessieVersions } from './NessieVersions';

export type LoadEntity = (entityRef: string) => Promise<Entity>;

interface Attempt<B extends { entityRef: string }> {
  eventId: 'reference-create' | 'branch-rollback';
  schema: z.ZodType<B>;
  meta: (body: B) => JsonObject;
  /**
   * Confines the call to the entity's namespace (400) and names the permission it needs and the
   * Nessie ref it is checked on: the registry's claim of that ref decides whose it is.
   */
  check: (
    scope: VersionScope,
    body: B,
  ) => { permission: ResourcePermission<'pipeline'>; ref: string };
  act: (scope: VersionScope, body: B) => Promise<ReferenceChangeResponse>;
}

function outcomeOf(error: unknown): string {
  if (error instanceof NotAllowedError) return 'denied';
  return error instanceof InputError ? 'rejected' : 'failed';
}

/**
 * The destructive calls: create a branch or tag, roll a branch back. Each is confined to the
 * entity's own branch and prefix, authorized against the entity before Nessie is called,
 * and audited whatever its outcome (invalid, denied, conflict, done).
 */
export class NessieActions {
  constructor(
    private readonly nessie: NessieVersions,
    private readonly permissions: PermissionsService,
    private readonly auditor: AuditorService,
  ) {}

  createReference(
    body: unknown,
    loadEntity: LoadEntity,
    credentials: BackstageCredentials,
    request: Request,
  ) {
    return this.attempt<z.infer<typeof createReferenceBody>>(
      {
        eventId: 'reference-create',
        schema: createReferenceBody,
        meta: b => ({
          type: b.type,
          ref: b.name,
          fromRef: b.from.ref,
          fromHash: b.from.hash ?? null,
        }),
        check: (scope, b) => {
          requireBranch(scope);
          if (!ownsReference(scope, b.name) || b.name === scope.branch) {
            throw new InputError(
              `'${b.name}' is outside the namespace of ${scope.entityRef}: new branches and tags must start with '${scope.prefix}'`,
            );
          }
          // New names live under the branch's prefix: the pipeline claiming the branch owns them.
          return {
            permission: nessieReferenceCreatePermission,
            ref: scope.branch!,
          };
        },
        act: async (scope, b) => ({
          reference: await this.nessie.create(scope, b.type, b.name, b.from),
        }),
      },
      body,
      loadEntity,
      credentials,
      request,
    );
  }

  rollback(
    body: unknown,
    loadEntity: LoadEntity,
    credentials: BackstageCredentials,
    request: Request,
  ) {
    return this.attempt<z.infer<typeof rollbackBody>>(
      {
        eventId: 'branch-rollback',
        schema: rollbackBody,
        meta: b => ({
          ref: b.branch,
          expectedHash: b.expectedHash,
          targetHash: b.targetHash,
        }),
        check: (scope, b) => {
          requireBranch(scope);
          // main is every pipeline's base: moving it would roll back everyone's tables.
          if (b.branch === 'main')
            throw new InputError(
              "main cannot be rolled back or reassigned from the portal: it is the base every pipeline's branch starts from",
            );
          if (!ownsReference(scope, b.branch)) {
            throw new InputError(
              `${scope.entityRef} may roll back only its branch '${scope.branch}' or branches under '${scope.prefix}', not '${b.branch}'`,
            );
          }
          return { permission: nessieBranchRollbackPermission, ref: b.branch };
        },
        act: async (scope, b) => ({
          reference: await this.nessie.rollback(
            scope,
            b.branch,
            b.expectedHash,
            b.targetHash,
          ),
          previousHash: b.expectedHash,
        }),
      },
      body,
      loadEntity,
      credentials,
      request,
    );
  }

  private async attempt<B extends { entityRef: string }>(
    attempt: Attempt<B>,
    rawBody: unknown,
    loadEntity: LoadEntity,
    credentials: BackstageCredentials,
    request: Request,
  ): Promise<ReferenceChangeResponse> {
    // The event opens before anything is checked, so a rejected attempt is on record too.
    const claimed = (rawBody as { entityRef?: unknown })?.entityRef;
    const event = await this.auditor.createEvent({
      eventId: attempt.eventId,
      severityLevel: 'high',
      request,
      meta: {
        entityRef: typeof claimed === 'string' ? claimed.slice(0, 300) : null,
      },
    });
    let meta: JsonObject = {};
    try {
      const body = parse(attempt.schema, rawBody);
      meta = attempt.meta(body);
      const scope = versionScope(await loadEntity(body.entityRef));
      meta.entityRef = scope.entityRef;
      const { permission, ref } = attempt.check(scope, body);
      // Checked on the Nessie ref itself: the pipeline registry resolves it to the pipeline
      // that claims it, so an entity's annotations cannot point a user at another team's branch.
      const resourceRef = pipelineObjectRef({
        kind: 'nessie-ref',
        instance: this.nessie.instance(scope).name,
        name: ref,
      });
      meta.resourceRef = resourceRef;
      const [decision] = await this.permissions.authorize(
        [{ permission, resourceRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `not allowed: ${permission.name} on ${ref}, which no pipeline you own claims (asked from ${scope.entityRef})`,
        );
      }
      const result = await attempt.act(scope, body);
      await event.success({
        meta: { ...meta, outcome: 'done', hash: result.reference.hash },
      });
      return result;
    } catch (error) {
      await event.fail({
        error: error as Error,
        meta: { ...meta, outcome: outcomeOf(error) },
      });
      throw error;
    }
  }
}
