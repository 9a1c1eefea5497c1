import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { trinoPreviewPermission } from '@internal/backstage-plugin-pipeline-common';
import {
  EntityCatalog,
  loadEntity,
} from '@internal/backstage-plugin-pipeline-node';
import { entityTable } from './entityTable';
import { RUNNABLE_QUERY_KINDS } from './queries';
import { TrinoTableService } from './TrinoTableService';

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: EntityCatalog;
  service: TrinoTableService;
}

const snapshotId = z
  .string()
  .regex(/^[0-9]{1,19}$/, 'snapshotId must be digits only');
const entityQuery = z
  .object({ entityRef: z.string().min(1).max(300) })
  .strict();
const overviewQuery = entityQuery
  .extend({ snapshotId: snapshotId.optional() })
  .strict();
const previewBody = z
  .object({
    entityRef: z.string().min(1).max(300),
    query: z.enum(RUNNABLE_QUERY_KINDS),
    limit: z.number().int().min(1).max(500).default(50),
    snapshotId: snapshotId.optional(),
  })
  .strict()
  .refine(b => b.query !== 'timeTravel' || b.snapshotId !== undefined, {
    message: 'timeTravel needs a snapshotId',
    path: ['snapshotId'],
  });

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

  /** The entity's table, read from its annotation with the caller's own catalog access. */
  async function tableOf(req: express.Request, entityRef: string) {
    const credentials = await httpAuth.credentials(req);
    const entity = await loadEntity(catalog, entityRef, credentials);
    return { credentials, table: entityTable(entity) };
  }

  router.get('/overview', async (req, res) => {
    const q = parse(overviewQuery, req.query);
    const { table } = await tableOf(req, q.entityRef);
    res.json(await service.overview(table, q.snapshotId));
  });

  router.get('/freshness', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { table } = await tableOf(req, q.entityRef);
    res.json(await service.freshness(table));
  });

  router.get('/snapshots', async (req, res) => {
    const q = parse(entityQuery, req.query);
    const { table } = await tableOf(req, q.entityRef);
    res.json({ snapshots: await service.snapshots(table) });
  });

  router.post('/preview', async (req, res) => {
    const body = parse(previewBody, req.body);
    const { credentials, table } = await tableOf(req, body.entityRef);
    const [decision] = await permissions.authorize(
      [{ permission: trinoPreviewPermission, resourceRef: table.entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `not allowed to run a Trino preview of ${table.entityRef}`,
      );
    }
    const meta = {
      entityRef: table.entityRef,
      queryKind: body.query,
      limit: body.limit,
      snapshotId: body.snapshotId ?? null,
    };
    const event = await auditor.createEvent({
      eventId: 'preview',
      severityLevel: 'low',
      request: req,
      meta,
    });
    try {
      const result = await service.preview(
        table,
        body.query,
        body.limit,
        body.snapshotId,
      );
      await event.success({
        meta: {
          ...meta,
          rowCount: result.rows.length,
          queryId: result.queryId,
        },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ meta, error: error as Error });
      throw error;
    }
  });

  return router;
}
