import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  EntityCatalog,
  loadEntity,
} from '@internal/backstage-plugin-pipeline-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ConnectorRestartService } from './service/ConnectorRestartService';
import { StreamingStatusService } from './service/StreamingStatusService';

const entityQuery = z
  .object({ entityRef: z.string().min(1).max(300) })
  .strict();
const restartBody = z
  .object({
    entityRef: z.string().min(1).max(300),
    /** One of the entity's annotated connectors; every one of them when absent. */
    connector: z.string().min(1).max(249).optional(),
  })
  .strict();

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(i => `${i.path.join('.') || 'request'}: ${i.message}`)
        .join('; '),
    );
  }
  return result.data;
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: EntityCatalog;
  status: StreamingStatusService;
  restarts: ConnectorRestartService;
}

/**
 * Every route takes an entity ref and acts on what that entity's annotations name, loaded with
 * the caller's credentials; topic, group and connector names never come from the request.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, status, restarts } = options;
  const router = Router();
  router.use(express.json({ limit: '10kb' }));

  const entityOf = async (req: express.Request, ref: string) => {
    const credentials = await httpAuth.credentials(req);
    return { entity: await loadEntity(catalog, ref, credentials), credentials };
  };

  router.get('/topic', async (req, res) => {
    const { entityRef } = parse(entityQuery, req.query);
    const { entity } = await entityOf(req, entityRef);
    res.json(await status.topic(entity));
  });

  router.get('/consumer-lag', async (req, res) => {
    const { entityRef } = parse(entityQuery, req.query);
    const { entity } = await entityOf(req, entityRef);
    res.json(await status.consumerLag(entity));
  });

  router.get('/connectors', async (req, res) => {
    const { entityRef } = parse(entityQuery, req.query);
    const { entity } = await entityOf(req, entityRef);
    res.json(await status.connectors(entity));
  });

  router.post('/connectors/restart-failed', async (req, res) => {
    const { entityRef, connector } = parse(restartBody, req.body ?? {});
    const { entity, credentials } = await entityOf(req, entityRef);
    res.json(
      await restarts.restartFailed({
        entity,
        connector,
        credentials,
        request: req,
      }),
    );
  });

  return router;
}
