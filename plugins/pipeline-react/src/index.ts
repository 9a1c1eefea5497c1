/**
 * React pieces shared by the data-platform frontend plugins (flink, nessie, ...).
 *
 * @packageDocumentation
 */
export { SimpleTable } from './SimpleTable';
export type { SimpleColumn } from './SimpleTable';
