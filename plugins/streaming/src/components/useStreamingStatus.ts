import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  getKafkaConnectors,
  getKafkaConsumerGroup,
  getKafkaTopic,
} from '@internal/backstage-plugin-pipeline-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { streamingApiRef } from '../api/StreamingApi';

/**
 * Loads the three parts on their own: Kafka being down must not hide the connector status
 * (Connect is a separate service), and the reverse. A part whose annotation is absent is not
 * asked for at all.
 */
export function useStreamingStatus(entity: Entity) {
  const api = useApi(streamingApiRef);
  const entityRef = stringifyEntityRef(entity);
  const hasTopic = Boolean(getKafkaTopic(entity));
  const hasGroup = hasTopic && Boolean(getKafkaConsumerGroup(entity));
  const hasConnectors = getKafkaConnectors(entity).length > 0;

  const topic = useAsyncRetry(
    async () => (hasTopic ? api.getTopic(entityRef) : undefined),
    [api, entityRef, hasTopic],
  );
  const lag = useAsyncRetry(
    async () => (hasGroup ? api.getConsumerLag(entityRef) : undefined),
    [api, entityRef, hasGroup],
  );
  const connectors = useAsyncRetry(
    async () => (hasConnectors ? api.getConnectors(entityRef) : undefined),
    [api, entityRef, hasConnectors],
  );
  return {
    entityRef,
    hasTopic,
    hasGroup,
    hasConnectors,
    topic,
    lag,
    connectors,
  };
}

export type StreamingStatus = ReturnType<typeof useStreamingStatus>;
