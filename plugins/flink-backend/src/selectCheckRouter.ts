import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  MAX_SELECT_LENGTH,
  USE_CASE_SHAPES,
} from '@internal/backstage-plugin-pipeline-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { SelectCheckService } from './service/SelectCheckService';

// The form's answers are checked in depth by specForShape (shapeParamsSchema); here only their
// outline and size. A SELECT may be 20 000 characters and picks list columns: a larger body
// limit than the other flink routes, on this route only.
const body = z.strictObject({
  shape: z.enum(USE_CASE_SHAPES),
  params: z.record(z.string().max(64), z.unknown()),
  table: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a table name'),
  select: z.string().max(MAX_SELECT_LENGTH),
});

export interface SelectCheckRouterOptions {
  httpAuth: HttpAuthService;
  selectCheck: SelectCheckService;
}

/** POST /select-check: the use-case forms' live SELECT validation. */
export function createSelectCheckRouter(
  options: SelectCheckRouterOptions,
): express.Router {
  const router = Router();
  router.post(
    '/select-check',
    express.json({ limit: '256kb' }),
    async (req, res) => {
      // Signed-in users only: the check runs on the shared SQL Gateway.
      await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
      const parsed = body.safeParse(req.body ?? {});
      if (!parsed.success)
        throw new InputError(
          `invalid body: ${parsed.error.issues
            .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
            .join('; ')}`,
        );
      // A form that sends a newer text, or goes away, cancels this check on the gateway.
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      res.json(await options.selectCheck.check(parsed.data, gone.signal));
    },
  );
  return router;
}
