/** What /api/serving answers: shared by serving-backend (which builds it) and serving (which shows it). */

export type ServingStoreKind = 'cassandra' | 'couchdb';

/** One serving target of an entity, as its `dataplatform.io/serving-sinks` annotation names it. */
export interface ServingTargetRef {
  /** `cassandra:inventory.inventory_projection`, `couchdb:customer_case`. */
  id: string;
  store: ServingStoreKind;
  /** `keyspace.table` for Cassandra, the database for CouchDB. */
  target: string;
  /** `dataPlatform.upstreams.<store>[].name`. */
  instance: string;
  uiUrl?: string;
}

export interface ServingTargets {
  entityRef: string;
  targets: ServingTargetRef[];
}

/**
 * How many rows: `exact` counted them all (Cassandra: a bounded scan that finished; CouchDB:
 * `doc_count` less design documents), `estimate` is Cassandra's own estimate of partitions
 * (system.size_estimates) once the scan reached its cap, `at-least` the cap when there is none.
 */
export interface ServingRowCount {
  count: number;
  method: 'exact' | 'estimate' | 'at-least';
  note: string;
}

/**
 * Write latency from the source commit: the store's write time of a row minus the source's
 * change time the row carries (e.g. `updated_at`), over the most recently written rows.
 */
export interface ServingLatency {
  p50Ms: number;
  p95Ms: number;
  samples: number;
  /** The column the source time is read from. */
  column: string;
  /** What exactly was measured, in words the card shows. */
  definition: string;
}

/** A field a lookup may give: Cassandra's key columns, or the CouchDB view's key. */
export interface ServingLookupField {
  name: string;
  type: string;
  required: boolean;
}

export interface ServingStats extends ServingTargetRef {
  /** ready: the table/database exists; missing: not created yet (deploy the pipeline). */
  status: 'ready' | 'missing';
  message?: string;
  checkedAt: string;
  rows?: ServingRowCount;
  lastWrite?: { at: string; source: string };
  latency?: ServingLatency;
  /** Why there is no latency figure (no source-time column, no rows yet, ...). */
  latencyNote?: string;
  lookup?: {
    fields: ServingLookupField[];
    /** What the lookup reads: the table, or the view's path. */
    via: string;
  };
}

export interface ServingLookupRequest {
  entityRef: string;
  /** A target id of the entity (`ServingTargetRef.id`); the first one by default. */
  target?: string;
  /** Values typed by the user: key column → value (Cassandra), or `{ key }` (CouchDB view). */
  key: Record<string, string>;
  limit?: number;
}

export interface ServingLookupResult {
  id: string;
  store: ServingStoreKind;
  /** What ran, for the user to read: the CQL with `?` placeholders, or the view and key. */
  query: string;
  rows: Array<Record<string, unknown>>;
  truncated: boolean;
  limit: number;
}
