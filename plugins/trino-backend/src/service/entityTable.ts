import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  IDENTIFIER_RULES,
  PAIMON_TABLE_ANNOTATION,
  getFreshnessSloSeconds,
  getPaimonTable,
  getUpstreamInstance,
  identifierProblem,
} from '@internal/backstage-plugin-pipeline-common';

/** The spec's default `slo.freshnessSeconds`, used when the entity names no SLO. */
export const DEFAULT_FRESHNESS_SLO_SECONDS = 120;

/** The Trino table an entity stands for, every part already validated. */
export interface EntityTable {
  entityRef: string;
  /** `dataPlatform.upstreams.trino[].name`, or undefined for the default instance. */
  instance?: string;
  schema: string;
  table: string;
  sloSeconds: number;
  sloSource: 'annotation' | 'default';
}

/**
 * Reads the table ONLY from the entity's paimon-table annotation (`<schema>.<table>`), never
 * from a request. Each part must pass the sqlIdentifier rule, so a name with quotes,
 * semicolons or comments is refused here, before anything reaches Trino.
 */
export function entityTable(entity: Entity): EntityTable {
  const entityRef = stringifyEntityRef(entity);
  const value = getPaimonTable(entity);
  if (!value) {
    throw new NotFoundError(
      `${entityRef} has no ${PAIMON_TABLE_ANNOTATION} annotation; add e.g. '${PAIMON_TABLE_ANNOTATION}: commerce.<table>'`,
    );
  }
  const parts = value.split('.');
  if (parts.length !== 2) {
    throw new InputError(
      `${PAIMON_TABLE_ANNOTATION} of ${entityRef} must be <schema>.<table>, got ${JSON.stringify(
        value.slice(0, 80),
      )}`,
    );
  }
  for (const part of parts) {
    const problem = identifierProblem(IDENTIFIER_RULES.sqlIdentifier, part);
    if (problem) {
      throw new InputError(
        `${PAIMON_TABLE_ANNOTATION} of ${entityRef}: sqlIdentifier ${JSON.stringify(
          part.slice(0, 80),
        )} ${problem}`,
      );
    }
  }
  const slo = getFreshnessSloSeconds(entity);
  return {
    entityRef,
    instance: getUpstreamInstance(entity),
    schema: parts[0],
    table: parts[1],
    sloSeconds: slo ?? DEFAULT_FRESHNESS_SLO_SECONDS,
    sloSource: slo ? 'annotation' : 'default',
  };
}

/** Double-quotes a Trino identifier; only names that passed sqlIdentifier get here. */
export function quoteTrino(name: string): string {
  const problem = identifierProblem(IDENTIFIER_RULES.sqlIdentifier, name);
  if (problem) throw new InputError(`quoteTrino: sqlIdentifier ${problem}`);
  return `"${name}"`;
}
