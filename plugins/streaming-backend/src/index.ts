/**
 * Kafka topic, consumer-group lag and Kafka Connect status of catalog entities, under
 * /api/streaming, and the restart of an entity's failed connector tasks.
 *
 * @packageDocumentation
 */
export { streamingPlugin as default } from './plugin';
