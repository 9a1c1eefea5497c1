import { nessieRef } from '@internal/backstage-plugin-pipeline-common';
import { InputError } from '@backstage/errors';
import { z } from 'zod';

/** Nessie commit hashes: lowercase hex (full 64 or an unambiguous prefix of at least 8). */
const nessieHash = z
  .string()
  .regex(
    /^[0-9a-f]{8,64}$/,
    'nessieHash: must be 8-64 lowercase hex characters',
  );
const entityRef = z.string().min(1).max(300);

export const referencesQuery = z.object({ entityRef });
export const logQuery = z.object({
  entityRef,
  ref: nessieRef,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  pageToken: z
    .string()
    .regex(
      /^[A-Za-z0-9_=+/-]{1,200}$/,
      'pageToken: the token of the previous page',
    )
    .optional(),
});
export const diffQuery = z.object({
  entityRef,
  from: nessieRef,
  to: nessieRef,
});
export const paimonQuery = z.object({ entityRef });
// Strict: the tables come from the entity, and a request naming any is refused, not ignored.
export const tableCommitsQuery = z.strictObject({
  entityRef,
  limit: z.coerce.number().int().min(1).max(100).default(20),
  pageToken: logQuery.shape.pageToken,
});
export const releasesQuery = z.strictObject({ entityRef });
export const tableDiffQuery = z.strictObject(diffQuery.shape);

export const createReferenceBody = z.object({
  entityRef,
  type: z.enum(['BRANCH', 'TAG']),
  name: nessieRef,
  from: z.object({ ref: nessieRef, hash: nessieHash.optional() }),
});
export const rollbackBody = z.object({
  entityRef,
  branch: nessieRef,
  expectedHash: nessieHash,
  targetHash: nessieHash,
});

/** Parses or answers 400 naming every bad field: `ref: nessieRef: must not contain ".."`. */
export function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const problems = result.error.issues.map(
      i => `${i.path.join('.') || 'request'}: ${i.message}`,
    );
    throw new InputError(problems.join('; '));
  }
  return result.data;
}
