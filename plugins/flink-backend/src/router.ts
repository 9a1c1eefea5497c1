import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  EntityCatalog,
  loadEntity,
  toHttpError,
} from '@internal/backstage-plugin-pipeline-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { FlinkFleetService } from './service/FlinkFleetService';
import type {
  FlinkJobAction,
  FlinkJobActions,
} from './service/FlinkJobActions';
import type { FlinkJobService } from './service/FlinkJobService';

const entityRef = z.string().min(1).max(300);
const summaryQuery = z.strictObject({ entityRef });
const detailsQuery = z.strictObject({
  entityRef,
  checkpoints: z.coerce.number().int().min(1).max(50).default(10),
  exceptions: z.coerce.number().int().min(1).max(50).default(10),
});
const fleetQuery = z.strictObject({});
const actionBody = z.strictObject({ entityRef });

function parse<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues
    .map(i => `${i.path.length ? i.path.join('.') : where}: ${i.message}`)
    .join('; ');
  throw new InputError(`invalid ${where}: ${problems}`);
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: EntityCatalog;
  jobs: FlinkJobService;
  fleet: FlinkFleetService;
  actions: FlinkJobActions;
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, catalog, jobs, fleet, actions } = options;
  const router = Router();
  router.use(express.json({ limit: '10kb' }));

  // Upstream errors become 503 (down / slow), 404 or 400 naming the component.
  const mapped = async <T>(fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (e) {
      throw toHttpError(e);
    }
  };

  const entityFor = async (req: express.Request, ref: string) =>
    loadEntity(catalog, ref, await httpAuth.credentials(req));

  router.get('/summary', async (req, res) => {
    const q = parse(summaryQuery, req.query, 'query');
    const entity = await entityFor(req, q.entityRef);
    res.json(await mapped(() => jobs.summary(entity)));
  });

  router.get('/details', async (req, res) => {
    const q = parse(detailsQuery, req.query, 'query');
    const entity = await entityFor(req, q.entityRef);
    res.json(await mapped(() => jobs.details(entity, q)));
  });

  router.get('/fleet', async (req, res) => {
    parse(fleetQuery, req.query, 'query');
    const credentials = await httpAuth.credentials(req);
    res.json(await mapped(() => fleet.fleet(credentials)));
  });

  const action =
    (name: FlinkJobAction) =>
    async (req: express.Request, res: express.Response) => {
      const body = parse(actionBody, req.body, 'body');
      const credentials = await httpAuth.credentials(req);
      const entity = await loadEntity(catalog, body.entityRef, credentials);
      res.json(await mapped(() => actions.run(name, entity, credentials, req)));
    };
  router.post('/cancel', action('cancel'));
  router.post('/stop-with-savepoint', action('stop-with-savepoint'));

  return router;
}
