/**
 * Serving stores for the data-platform portal: rows, last write and write latency of the
 * Cassandra tables and CouchDB databases an entity's annotation names, and a read-only,
 * row-limited lookup by key.
 *
 * @packageDocumentation
 */
export { servingPlugin as default } from './plugin';
export { servingStoresServiceRef } from './service/servingStoresServiceRef';
export type { ServingStoresService } from './service/ServingStoreService';
export { DefaultServingStoresService } from './service/ServingStoreService';
