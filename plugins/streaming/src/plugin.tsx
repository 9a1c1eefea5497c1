import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isStreamingAvailable } from '@internal/backstage-plugin-pipeline-common';
import { streamingApiRef } from './api/StreamingApi';
import { StreamingClient } from './api/StreamingClient';

export const streamingApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: streamingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new StreamingClient(deps),
    }),
});

/** "Streaming status" on entities that name a topic, consumer group or connector. */
export const streamingEntityCard = EntityCardBlueprint.make({
  name: 'status',
  params: {
    filter: isStreamingAvailable,
    loader: () =>
      import('./components/StreamingCard').then(m => <m.StreamingCard />),
  },
});

export const streamingEntityContent = EntityContentBlueprint.make({
  name: 'streaming',
  params: {
    path: 'streaming',
    title: 'Streaming',
    filter: isStreamingAvailable,
    loader: () =>
      import('./components/StreamingContent').then(m => <m.StreamingContent />),
  },
});

/** Kafka topic, consumer lag and Kafka Connect status on entity pages. */
export default createFrontendPlugin({
  pluginId: 'streaming',
  extensions: [streamingApi, streamingEntityCard, streamingEntityContent],
});
