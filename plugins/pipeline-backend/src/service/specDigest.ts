import { createHash } from 'node:crypto';

/** Keys sorted at every level: one spec, one text, one digest. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map(k => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/**
 * Digest of a parsed spec (defaults filled in), so the spec at a repository's HEAD and the
 * deployed one compare equal exactly when they deploy the same pipeline.
 */
export const pipelineSpecDigest = (spec: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(canonical(spec)))
    .digest('hex')
    .slice(0, 16);
