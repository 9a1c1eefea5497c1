/**
 * React pieces shared by the data-platform frontend plugins (flink, nessie, ...), and the one
 * way their clients call their backends.
 *
 * @packageDocumentation
 */
export { SimpleTable } from './SimpleTable';
export type { SimpleColumn } from './SimpleTable';
export { DataPlatformApiError } from './api/DataPlatformApiError';
export { PluginBackendRequester } from './api/PluginBackendRequester';
export type {
  CallInit,
  PluginBackendDeps,
  QueryParams,
} from './api/PluginBackendRequester';
