/**
 * Kafka topic, consumer lag and Kafka Connect status on entity pages: the "Streaming status"
 * card and the Streaming tab.
 *
 * @packageDocumentation
 */
export { default } from './plugin';
export { streamingApiRef, type StreamingApi } from './api/StreamingApi';
export { StreamingClient } from './api/StreamingClient';
