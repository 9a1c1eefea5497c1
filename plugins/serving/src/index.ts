/**
 * Serving stores on entity pages: the serving-store card (rows, last write, write latency and
 * a row-limited lookup by key in Cassandra or CouchDB).
 *
 * @packageDocumentation
 */
export { servingPlugin as default } from './plugin';
export { servingApiRef } from './api/ServingApi';
export type { ServingApi } from './api/ServingApi';
export { ServingClient } from './api/ServingClient';
