import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { servingLookupPermission } from '@internal/backstage-plugin-pipeline-common';
import {
  EntityCatalog,
  loadEntity,
  toHttpError,
} from '@internal/backstage-plugin-pipeline-node';
import { entityTargets, pickTarget } from './entityTargets';
import { MAX_LOOKUP_ROWS, ServingStoresService } from './ServingStoreService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: EntityCatalog;
  service: ServingStoresService;
}

const entityRef = z.string().min(1).max(300);
const targetId = z
  .string()
  .max(200)
  .regex(/^(cassandra|couchdb):[a-z0-9_.-]+$/, 'target must be <store>:<name>');
const entityQuery = z.object({ entityRef }).strict();
const statsQuery = z
  .object({ entityRef, target: targetId.optional() })
  .strict();
const lookupBody = z
  .object({
    entityRef,
    target: targetId.optional(),
    // Key column (or `key` for a CouchDB view) → value as typed; at most a handful of columns.
    key: z
      .record(
        z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'key names are column names'),
        z.string().max(200),
      )
      .refine(k => Object.keys(k).length >= 1 && Object.keys(k).length <= 8, {
        message: 'give 1-8 key values',
      })
      .refine(k => Object.values(k).some(v => v.trim() !== ''), {
        message: 'give at least one non-blank key value',
      }),
    limit: z.number().int().min(1).max(MAX_LOOKUP_ROWS).default(20),
  })
  .strict();

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map(
      i => `${i.path.join('.') || 'request'}: ${i.message}`,
    );
    throw new InputError(`invalid request: ${issues.join('; ')}`);
  }
  return result.data;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, auditor, catalog, service } = options;
  const router = Router();
  router.use(express.json({ limit: '10kb' }));

  /** The entity's targets, from its annotation only, read with the caller's own catalog access. */
  async function targetsOf(
    req: express.Request,
    ref: string,
    allow?: Array<'user'>,
  ) {
    const credentials = await httpAuth.credentials(
      req,
      allow ? { allow } : undefined,
    );
    const entity = await loadEntity(catalog, ref, credentials);
    return { credentials, targets: entityTargets(entity) };
  }

  router.get('/targets', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { targets } = await targetsOf(req, q.entityRef);
    try {
      res.json({
        entityRef: targets[0].entityRef,
        targets: targets.map(t => service.describe(t)),
      });
    } catch (error) {
      throw toHttpError(error);
    }
  });

  router.get('/stats', async (req, res) => {
    const q = parse(statsQuery, req.query);
    const { targets } = await targetsOf(req, q.entityRef);
    res.json(await service.stats(pickTarget(targets, q.target)));
  });

  router.post('/lookup', async (req, res) => {
    const body = parse(lookupBody, req.body);
    // Signed-in users only: the lookup reads customer data, a service token has no business here.
    const { credentials, targets } = await targetsOf(req, body.entityRef, [
      'user',
    ]);
    const target = pickTarget(targets, body.target);
    const [decision] = await permissions.authorize(
      [{ permission: servingLookupPermission, resourceRef: target.entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `not allowed to look up rows of ${target.entityRef}`,
      );
    // The key values are customer identifiers: the audit log records which columns, not values.
    const meta = {
      entityRef: target.entityRef,
      target: target.id,
      keyColumns: Object.keys(body.key),
      limit: body.limit,
    };
    const event = await auditor.createEvent({
      eventId: 'lookup',
      severityLevel: 'low',
      request: req,
      meta,
    });
    try {
      const result = await service.lookup(target, body.key, body.limit);
      await event.success({ meta: { ...meta, rowCount: result.rows.length } });
      res.json(result);
    } catch (error) {
      await event.fail({ meta, error: error as Error });
      throw error;
    }
  });

  return router;
}
