import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  parsePipelineSpec,
  PipelineSpec,
} from '@internal/backstage-plugin-pipeline-common';
import {
  DEPLOY_STEPS,
  DeployStepError,
  PlanScopeError,
  toHttpError,
  UnclaimedStateError,
} from '@internal/backstage-plugin-pipeline-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { RegistryContext } from './service/context';
import type { RestoreOperations } from './service/restoreOperations';
import { reserveRepository, verifyRegistration } from './service/repositories';
import { pipelineView, readHeadSpec } from './service/views';

const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?';
const pipelineRef = z
  .string()
  .regex(new RegExp(`^${NAME}/${NAME}$`), 'must be <namespace>/<name>');
const instance = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .optional();
const stepName = z.enum([...DEPLOY_STEPS, 'release-tag']);

const deployBody = z
  .strictObject({
    /** A spec (scaffolder), or a registered pipeline whose spec at HEAD is deployed (Deployment tab). */
    spec: z.record(z.string(), z.unknown()).optional(),
    pipeline: pipelineRef.optional(),
    dryRun: z.boolean().default(false),
    steps: z.array(stepName).min(1).max(10).optional(),
    day: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    acceptStateLoss: z.boolean().default(false),
    adopt: z.boolean().default(false),
    instance,
  })
  .refine(b => Boolean(b.spec) !== Boolean(b.pipeline), {
    message: 'give either spec or pipeline (which deploys its spec at HEAD)',
  });
const pipelineBody = z.strictObject({ pipeline: pipelineRef });
const resumeBody = z.strictObject({
  pipeline: pipelineRef,
  savepointId: z.number().int().positive().optional(),
});
// Both choices are required: what happens to data is never a default.
const decommissionBody = z.strictObject({
  pipeline: pipelineRef,
  dropTopics: z.boolean(),
  dropTables: z.boolean(),
});
const restoreBody = z.strictObject({
  pipeline: pipelineRef,
  restorePoint: z.number().int().positive(),
  // The restore point's name as the confirmation showed it; anything else changes nothing.
  confirm: z.string().max(200),
  // Leave job and connectors stopped after the rollback, to inspect the tables before replay.
  hold: z.boolean().default(false),
});
const repositoryBody = z.strictObject({
  spec: z.record(z.string(), z.unknown()),
  repository: z.strictObject({
    owner: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  }),
});
const registrationBody = z.strictObject({
  catalogInfoUrl: z.string().url().max(1000),
});
const byEntityQuery = z.strictObject({ entityRef: z.string().max(300) });

function parse<T>(schema: z.ZodType<T>, input: unknown, where: string): T {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new InputError(
    `invalid ${where}: ${result.error.issues
      .map(i => `${i.path.length ? i.path.join('.') : where}: ${i.message}`)
      .join('; ')}`,
  );
}

/** The pipeline a catalog entity stands for: its Component (component:<namespace>/<name>). */
function pipelineIdOfEntity(entityRef: string): string {
  try {
    const ref = parseEntityRef(entityRef);
    if (ref.kind.toLocaleLowerCase('en-US') !== 'component') throw new Error();
    return parse(pipelineRef, `${ref.namespace}/${ref.name}`, 'entityRef');
  } catch {
    throw new NotFoundError(
      `${entityRef.slice(0, 100)} is not a pipeline's Component`,
    );
  }
}

function specOf(input: unknown): PipelineSpec {
  const parsed = parsePipelineSpec(input);
  if (!parsed.success)
    throw new InputError(`the pipeline spec is invalid:\n${parsed.message}`);
  return parsed.spec;
}

/** A refused plan is the caller's input; a refused replace a conflict; upstream trouble 503. */
function httpError(error: unknown): Error {
  if (error instanceof DeployStepError) {
    if (error.cause instanceof PlanScopeError)
      return new InputError(error.message);
    if (
      error.cause instanceof UnclaimedStateError ||
      /refused: /.test(error.message)
    )
      return new ConflictError(error.message);
    return error;
  }
  return toHttpError(error);
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  ctx: RegistryContext;
  operations: RestoreOperations;
  /** Platform pipeline id → its spec file (their "HEAD"). */
  platformFiles: Map<string, string>;
}

/**
 * The pipeline registry's API. Writes take a signed-in user only (a scaffolder task calls with
 * its initiator's token), and every write goes through PipelineOperations.
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, ctx, operations, platformFiles } = options;
  const router = Router();
  router.use(express.json({ limit: '512kb' }));

  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const mapped = async <T>(fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (error) {
      throw httpError(error);
    }
  };

  router.get('/pipelines/:namespace/:name', async (req, res) => {
    const id = parse(
      pipelineRef,
      `${req.params.namespace}/${req.params.name}`,
      'path',
    );
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await pipelineView(ctx, id, credentials, platformFiles));
  });

  // The pipeline a catalog entity stands for: its Component (component:<namespace>/<name>).
  router.get('/by-entity', async (req, res) => {
    const { entityRef } = parse(byEntityQuery, req.query, 'query');
    const id = pipelineIdOfEntity(entityRef);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await pipelineView(ctx, id, credentials, platformFiles));
  });

  router.post('/deploy', async (req, res) => {
    const credentials = await user(req);
    const body = parse(deployBody, req.body, 'body');
    let spec: PipelineSpec;
    if (body.spec) {
      spec = specOf(body.spec);
    } else {
      const row = await ctx.store.get(body.pipeline!);
      if (!row)
        throw new NotFoundError(
          `no pipeline ${body.pipeline} in the pipeline registry`,
        );
      const head = await readHeadSpec(ctx, row, platformFiles);
      if (!head.spec)
        throw new ConflictError(
          `the spec at HEAD of ${row.id} cannot be deployed: ${head.problem} (${
            head.source ?? 'no source'
          })`,
        );
      spec = head.spec;
    }
    res.json(
      await mapped(() =>
        operations.deploy({
          spec,
          credentials,
          request: req,
          dryRun: body.dryRun,
          steps: body.steps,
          day: body.day ? new Date(`${body.day}T12:00:00Z`) : undefined,
          acceptStateLoss: body.acceptStateLoss,
          adopt: body.adopt,
          instance: body.instance,
        }),
      ),
    );
  });

  router.post('/stop', async (req, res) => {
    const credentials = await user(req);
    const { pipeline } = parse(pipelineBody, req.body, 'body');
    res.json(await mapped(() => operations.stop(pipeline, credentials, req)));
  });

  router.post('/resume', async (req, res) => {
    const credentials = await user(req);
    const body = parse(resumeBody, req.body, 'body');
    res.json(
      await mapped(() =>
        operations.resume(body.pipeline, body.savepointId, credentials, req),
      ),
    );
  });

  router.post('/decommission', async (req, res) => {
    const credentials = await user(req);
    const body = parse(decommissionBody, req.body, 'body');
    res.json(
      await mapped(() =>
        operations.decommission(
          body.pipeline,
          { dropTopics: body.dropTopics, dropTables: body.dropTables },
          credentials,
          req,
        ),
      ),
    );
  });

  // The Paimon tables the registry gives the pipeline an entity stands for (the Versions tab
  // of the nessie plugin reads them here, never from its request).
  router.get('/tables', async (req, res) => {
    const { entityRef } = parse(byEntityQuery, req.query, 'query');
    const id = pipelineIdOfEntity(entityRef);
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    if (!(await ctx.store.get(id)))
      throw new NotFoundError(`no pipeline ${id} in the pipeline registry`);
    const tables = (await ctx.store.claimsOf(id))
      .filter(o => o.kind === 'paimon-table')
      .map(o => ({ instance: o.instance, name: o.name }));
    res.json({ pipeline: id, tables });
  });

  router.post('/restore-points', async (req, res) => {
    const credentials = await user(req);
    const { pipeline } = parse(pipelineBody, req.body, 'body');
    res.json(
      await mapped(() =>
        operations.createRestorePoint(pipeline, credentials, req),
      ),
    );
  });

  router.get(
    '/pipelines/:namespace/:name/restore-points/:id/plan',
    async (req, res) => {
      const id = parse(
        pipelineRef,
        `${req.params.namespace}/${req.params.name}`,
        'path',
      );
      const point = parse(
        z.coerce.number().int().positive(),
        req.params.id,
        'restore point id',
      );
      const credentials = await user(req);
      res.json(
        await mapped(() => operations.restorePlan(id, point, credentials)),
      );
    },
  );

  router.post('/restore', async (req, res) => {
    const credentials = await user(req);
    const body = parse(restoreBody, req.body, 'body');
    res.json(
      await mapped(() =>
        operations.restore(
          body.pipeline,
          body.restorePoint,
          body.confirm,
          credentials,
          req,
          { hold: body.hold },
        ),
      ),
    );
  });

  router.post('/repositories/reserve', async (req, res) => {
    const credentials = await user(req);
    const body = parse(repositoryBody, req.body, 'body');
    const spec = specOf(body.spec);
    res.json(
      await mapped(() =>
        reserveRepository(ctx, {
          spec,
          repository: body.repository,
          credentials,
        }),
      ),
    );
  });

  router.post('/repositories/verify-registration', async (req, res) => {
    const credentials = await user(req);
    const body = parse(registrationBody, req.body, 'body');
    res.json(
      await mapped(() =>
        verifyRegistration(ctx, {
          catalogInfoUrl: body.catalogInfoUrl,
          credentials,
        }),
      ),
    );
  });

  return router;
}
