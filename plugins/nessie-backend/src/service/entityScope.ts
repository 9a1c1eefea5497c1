import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  getNessieBranch,
  getPaimonTable,
  getUpstreamInstance,
  isValidIdentifier,
  NESSIE_BRANCH_ANNOTATION,
  PAIMON_TABLE_ANNOTATION,
} from '@internal/backstage-plugin-pipeline-common';

/** A Paimon table named by `dataplatform.io/paimon-table`, both parts valid SQL identifiers. */
export interface PaimonTableName {
  database: string;
  table: string;
}

/** What an entity's annotations let the versions plugin see and change. */
export interface VersionScope {
  entityRef: string;
  /** The upstream instance (dataplatform.io/instance); the first configured one when absent. */
  instance?: string;
  /** The branch the entity's pipeline commits to, e.g. `finance/daily`. */
  branch?: string;
  /**
   * Names the entity may create and roll back: its branch's first segment plus "/"
   * (`finance/daily` → `finance/`). A branch without "/" (`main`) owns `main/`, never
   * a neighbour's namespace.
   */
  prefix?: string;
  tables: PaimonTableName[];
}

export const branchPrefix = (branch: string) => `${branch.split('/')[0]}/`;

/** Reads and validates the entity's annotations; a malformed one is the caller's 400. */
export function versionScope(entity: Entity): VersionScope {
  const branch = getNessieBranch(entity);
  if (branch !== undefined && !isValidIdentifier('nessieRef', branch)) {
    throw new InputError(
      `annotation ${NESSIE_BRANCH_ANNOTATION} '${branch}' is not a valid Nessie reference (e.g. finance/daily)`,
    );
  }
  const tables = (getPaimonTable(entity) ?? '')
    .split(',')
    .map(t => t.trim())
    .filter(Boolean)
    .map(name => {
      const [database, table, ...rest] = name.split('.');
      if (
        rest.length ||
        !isValidIdentifier('sqlIdentifier', database) ||
        !isValidIdentifier('sqlIdentifier', table)
      ) {
        throw new InputError(
          `annotation ${PAIMON_TABLE_ANNOTATION} '${name}' must be <database>.<table> of lowercase SQL identifiers (e.g. commerce.orders)`,
        );
      }
      return { database, table };
    });
  return {
    entityRef: stringifyEntityRef(entity),
    instance: getUpstreamInstance(entity),
    branch,
    prefix: branch ? branchPrefix(branch) : undefined,
    tables,
  };
}

/** True for the entity's own branch and every name under its prefix. */
export function ownsReference(scope: VersionScope, name: string): boolean {
  if (!scope.branch || !scope.prefix) return false;
  return (
    name === scope.branch ||
    (name.startsWith(scope.prefix) && name.length > scope.prefix.length)
  );
}

export function requireBranch(scope: VersionScope): string {
  if (!scope.branch) {
    throw new InputError(
      `${scope.entityRef} has no ${NESSIE_BRANCH_ANNOTATION} annotation; add one, e.g. "${NESSIE_BRANCH_ANNOTATION}: finance/daily"`,
    );
  }
  return scope.branch;
}
