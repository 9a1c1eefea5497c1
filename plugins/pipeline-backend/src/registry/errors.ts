import { ConflictError } from '@backstage/errors';

/** A claimed object of another pipeline, named with its owner. */
export interface ForeignClaim {
  object: string;
  pipeline: string;
  owner: string;
}

/** A deploy would touch objects another pipeline claims: refused before anything changed. */
export class ClaimConflictError extends ConflictError {
  constructor(readonly claims: ForeignClaim[], pipeline: string) {
    super(
      `pipeline ${pipeline} was refused, nothing was changed: ${claims
        .map(
          c =>
            `${c.object} is claimed by pipeline ${c.pipeline} (owner ${c.owner})`,
        )
        .join('; ')}`,
    );
  }
}

/** Another operation on the pipeline holds its lock: the second one is refused, not queued. */
export class PipelineBusyError extends ConflictError {
  constructor(
    pipeline: string,
    lock: { holder: string; operation: string; since: string } | undefined,
  ) {
    super(
      lock
        ? `pipeline ${pipeline} is busy: ${lock.operation} by ${lock.holder} since ${lock.since}; try again when it has finished`
        : `pipeline ${pipeline} is busy with another operation; try again when it has finished`,
    );
  }
}

/** PostgreSQL's unique_violation, SQLite's constraint failure. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}
