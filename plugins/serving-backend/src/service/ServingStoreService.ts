import type {
  ServingLookupResult,
  ServingStats,
  ServingTargetRef,
} from '@internal/backstage-plugin-pipeline-common';
import {
  CoalescingCache,
  CouchDesignDocument,
  toHttpError,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { Budget } from './budget';
import { cassandraFigures } from './cassandraStats';
import { couchdbFigures } from './couchdbStats';
import type { EntityTarget } from './entityTargets';
import { cassandraLookup, couchdbLookup } from './lookups';

/** Every request answers within 5 s: its upstream calls share 4 s. */
export const CALL_BUDGET_MS = 4000;
/** A lookup returns at most this many rows. */
export const MAX_LOOKUP_ROWS = 100;

/** The serving stores of entities: what the router calls. */
export interface ServingStoresService {
  describe(t: EntityTarget): ServingTargetRef;
  stats(t: EntityTarget): Promise<ServingStats>;
  lookup(
    t: EntityTarget,
    key: Record<string, string>,
    limit: number,
  ): Promise<ServingLookupResult>;
}

/**
 * Reads an entity's serving targets in Cassandra and CouchDB through pipeline-node's clients:
 * figures (rows, last write, write latency) cached for a few seconds, lookups never cached.
 * Store failures become Backstage HTTP errors (down or slow → 503 naming the store).
 */
export class DefaultServingStoresService implements ServingStoresService {
  private readonly figures = new CoalescingCache({ ttlMs: 10_000 });
  private readonly designs = new CoalescingCache({ ttlMs: 60_000 });

  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  describe(t: EntityTarget): ServingTargetRef {
    const instance =
      t.store === 'cassandra'
        ? this.registry.get('cassandra', t.instance)
        : this.registry.get('couchdb', t.instance);
    return {
      id: t.id,
      store: t.store,
      target: t.target,
      instance: instance.name,
      uiUrl: 'uiUrl' in instance ? instance.uiUrl : undefined,
    };
  }

  async stats(t: EntityTarget): Promise<ServingStats> {
    try {
      const ref = this.describe(t);
      return await this.figures.get(`${ref.instance}|${t.id}`, async () => {
        const budget = new Budget(CALL_BUDGET_MS, this.now);
        const figures =
          t.store === 'cassandra'
            ? await cassandraFigures(
                this.registry.get('cassandra', t.instance).client,
                t.keyspace!,
                t.table!,
                budget,
              )
            : await couchdbFigures(
                this.registry.get('couchdb', t.instance).client,
                t.database!,
                () => this.designDocuments(t, budget),
                budget,
              );
        return {
          ...ref,
          ...figures,
          checkedAt: new Date(this.now()).toISOString(),
        };
      });
    } catch (error) {
      throw toHttpError(error);
    }
  }

  async lookup(
    t: EntityTarget,
    key: Record<string, string>,
    limit: number,
  ): Promise<ServingLookupResult> {
    const rows = Math.max(1, Math.min(limit, MAX_LOOKUP_ROWS));
    try {
      const budget = new Budget(CALL_BUDGET_MS, this.now);
      const page =
        t.store === 'cassandra'
          ? await cassandraLookup(
              this.registry.get('cassandra', t.instance).client,
              t.keyspace!,
              t.table!,
              key,
              rows,
              budget,
            )
          : await couchdbLookup(
              this.registry.get('couchdb', t.instance).client,
              t.database!,
              () => this.designDocuments(t, budget),
              key,
              rows,
              budget,
            );
      return { id: t.id, store: t.store, limit: rows, ...page };
    } catch (error) {
      throw toHttpError(error);
    }
  }

  /** Design documents change only on deploy: read once a minute. */
  private designDocuments(
    t: EntityTarget,
    budget: Budget,
  ): Promise<CouchDesignDocument[]> {
    const couchdb = this.registry.get('couchdb', t.instance);
    return this.designs.get(`${couchdb.name}|${t.database}`, () =>
      couchdb.client.designDocuments(t.database!, budget.call()),
    );
  }
}
