/**
 * Trino on entity pages: the "Query in Trino" card and the Trino tab.
 *
 * @packageDocumentation
 */
export { trinoPlugin as default } from './plugin';
export { trinoApiRef } from './api/TrinoApi';
export type { TrinoApi } from './api/TrinoApi';
export { TrinoClient } from './api/TrinoClient';
