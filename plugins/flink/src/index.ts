/**
 * Flink job health on entity pages (card, tab with cancel / stop-with-savepoint) and a fleet
 * page at /flink listing every job with the entity that claims it.
 *
 * @packageDocumentation
 */
export { flinkPlugin as default, isFlinkJobEntity } from './plugin';
export { flinkApiRef, type FlinkApi } from './api/FlinkApi';
export { FlinkClient } from './api/FlinkClient';
