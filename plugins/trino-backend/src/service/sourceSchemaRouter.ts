import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  SourceCatalogsResponse,
  SourceTablesResponse,
} from '@internal/backstage-plugin-pipeline-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { SourceSchemaService } from './SourceSchemaService';

const identifier = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lowercase SQL identifier');
const sourceParams = z.strictObject({ source: identifier });
const tableParams = z.strictObject({ source: identifier, table: identifier });
const noQuery = z.strictObject({});

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (!result.success)
    throw new InputError(
      `invalid request: ${result.error.issues
        .map(i => `${i.path.join('.') || 'request'}: ${i.message}`)
        .join('; ')}`,
    );
  return result.data;
}

export interface SourceSchemaRouterOptions {
  httpAuth: HttpAuthService;
  schema: SourceSchemaService;
}

/**
 * The source schema for the use-case forms' pickers: configured sources → tables → columns
 * with their source types. Read-only, signed-in callers only, allow-listed sources only.
 */
export function createSourceSchemaRouter(
  options: SourceSchemaRouterOptions,
): express.Router {
  const { httpAuth, schema } = options;
  const router = Router();
  const signedIn = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/sources', async (req, res) => {
    await signedIn(req);
    parse(noQuery, req.query);
    const body: SourceCatalogsResponse = { sources: schema.list() };
    res.json(body);
  });

  router.get('/sources/:source/tables', async (req, res) => {
    await signedIn(req);
    const { source } = parse(sourceParams, req.params);
    parse(noQuery, req.query);
    const body: SourceTablesResponse = {
      source,
      tables: await schema.tables(source),
    };
    res.json(body);
  });

  router.get('/sources/:source/tables/:table/columns', async (req, res) => {
    await signedIn(req);
    const { source, table } = parse(tableParams, req.params);
    parse(noQuery, req.query);
    res.json(await schema.columns(source, table));
  });

  return router;
}
