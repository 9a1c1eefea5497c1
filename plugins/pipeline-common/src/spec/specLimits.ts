/**
 * Upper bounds of the spec's lists. A spec is untrusted input that every deploy renders, plans
 * and claims object by object: without bounds one request could make the portal create
 * thousands of topics or hold the SQL Gateway with a plan of thousands of tables. The bounds
 * are far above what the five use-case shapes need (at most 3 sources, 5 tables, 10 columns).
 */
export const SPEC_LIMITS = {
  sources: 10,
  tablesPerSource: 50,
  topics: 100,
  tables: 100,
  /** Streams, derived tables, Kafka sinks and serving sinks, each. */
  parts: 20,
  columns: 500,
  keyColumns: 16,
} as const;
