import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  getServingSinks,
  getUpstreamInstance,
  IDENTIFIER_RULES,
  identifierProblem,
  SERVING_SINKS_ANNOTATION,
  ServingStore,
} from '@internal/backstage-plugin-pipeline-common';

/** One serving target of an entity, every name in it already validated. */
export interface EntityTarget {
  entityRef: string;
  id: string;
  store: ServingStore;
  /** `keyspace.table` or the database. */
  target: string;
  /** `dataPlatform.upstreams.<store>[].name`, undefined for the first configured one. */
  instance?: string;
  /** Cassandra: the keyspace and table. */
  keyspace?: string;
  table?: string;
  /** CouchDB: the database. */
  database?: string;
}

const CQL_NAME = /^[a-z][a-z0-9_]{0,47}$/;
const COUCH_DATABASE = /^[a-z][a-z0-9_-]{0,127}$/;

function invalid(entityRef: string, entry: string, why: string): never {
  throw new InputError(
    `${SERVING_SINKS_ANNOTATION} of ${entityRef}: ${JSON.stringify(
      entry.slice(0, 80),
    )} ${why}`,
  );
}

/**
 * The serving targets ONLY from the entity's annotation, never from a request: a request may
 * pick one of them by id, nothing else. Each name must pass the spec's sqlIdentifier rule (and
 * the store's own), so a name with quotes, dots or slashes is refused before any request.
 */
export function entityTargets(entity: Entity): EntityTarget[] {
  const entityRef = stringifyEntityRef(entity);
  const refs = getServingSinks(entity);
  if (refs.length === 0)
    throw new NotFoundError(
      `${entityRef} has no ${SERVING_SINKS_ANNOTATION} annotation; add e.g. '${SERVING_SINKS_ANNOTATION}: cassandra:<keyspace>.<table>,couchdb:<database>'`,
    );
  const instance = getUpstreamInstance(entity);
  return refs.map(ref => {
    const base = {
      entityRef,
      id: ref.id,
      store: ref.store,
      target: ref.target,
      instance,
    };
    if (ref.store === 'cassandra') {
      const parts = ref.target.split('.');
      if (parts.length !== 2)
        invalid(entityRef, ref.id, 'must be cassandra:<keyspace>.<table>');
      for (const part of parts) {
        const problem =
          identifierProblem(IDENTIFIER_RULES.sqlIdentifier, part) ??
          (CQL_NAME.test(part)
            ? undefined
            : 'is not a Cassandra name (a letter, then [a-z0-9_], at most 48)');
        if (problem) invalid(entityRef, ref.id, problem);
      }
      return { ...base, keyspace: parts[0], table: parts[1] };
    }
    const problem =
      identifierProblem(IDENTIFIER_RULES.sqlIdentifier, ref.target) ??
      (COUCH_DATABASE.test(ref.target)
        ? undefined
        : 'is not a CouchDB database name');
    if (problem) invalid(entityRef, ref.id, problem);
    return { ...base, database: ref.target };
  });
}

/** The entity's target a request picked (by id), or its first one. */
export function pickTarget(targets: EntityTarget[], id?: string): EntityTarget {
  if (id === undefined) return targets[0];
  const found = targets.find(t => t.id === id);
  if (!found)
    throw new NotFoundError(
      `${targets[0].entityRef} has no serving target ${JSON.stringify(
        id.slice(0, 80),
      )}; its targets: ${targets.map(t => t.id).join(', ')}`,
    );
  return found;
}
