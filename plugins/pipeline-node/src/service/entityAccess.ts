import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import * as httpErrors from '@backstage/errors';
import {
  ConflictError,
  InvalidIdentifierError,
  NotFoundError,
  UpstreamError,
} from '../lib/errors';
import { UnknownInstanceError } from './UpstreamRegistry';

/** The slice of the catalog service the backend plugins need (easy to fake in tests). @public */
export interface EntityCatalog {
  getEntityByRef(
    entityRef: string,
    options: { credentials: BackstageCredentials },
  ): Promise<Entity | undefined>;
}

// parseEntityRef is lenient ('a:b:c/d/e' parses); refs that reach a route must be plain.
const NAME = '[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?';
const ENTITY_REF = new RegExp(
  `^(?:[A-Za-z][A-Za-z0-9-]{0,62}:)?(?:${NAME}/)?${NAME}$`,
);

/**
 * Loads the entity a request is about, with the caller's own credentials: a plugin only acts on
 * what the annotations of an entity the caller can see name, never on names from the request.
 *
 * @public
 */
export async function loadEntity(
  catalog: EntityCatalog,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<Entity> {
  let ref: string;
  try {
    if (typeof entityRef !== 'string' || !ENTITY_REF.test(entityRef))
      throw new Error();
    ref = stringifyEntityRef(parseEntityRef(entityRef));
  } catch {
    throw new httpErrors.InputError(
      `entityRef must look like kind:namespace/name, got '${String(
        entityRef,
      ).slice(0, 80)}'`,
    );
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity)
    throw new httpErrors.NotFoundError(`no entity ${ref} in the catalog`);
  return entity;
}

/**
 * Maps client errors onto Backstage's HTTP errors, so the default error handler answers with the
 * right status and a message naming the component and the call: an upstream that is down or
 * slow is 503, an object it does not have is 404, a bad name is 400.
 *
 * @public
 */
export function toHttpError(error: unknown): Error {
  if (
    error instanceof InvalidIdentifierError ||
    error instanceof UnknownInstanceError
  )
    return new httpErrors.InputError(error.message);
  if (error instanceof NotFoundError)
    return new httpErrors.NotFoundError(error.message);
  if (error instanceof ConflictError)
    return new httpErrors.ConflictError(error.message);
  if (error instanceof UpstreamError)
    return new httpErrors.ServiceUnavailableError(error.message);
  return error instanceof Error ? error : new Error(String(error));
}
