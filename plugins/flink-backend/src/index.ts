/**
 * Flink job health of catalog entities: summary, details, fleet, cancel and stop-with-savepoint.
 *
 * @packageDocumentation
 */
export { flinkPlugin as default } from './plugin';
