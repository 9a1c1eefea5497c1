import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ConnectorsStatus,
  ConsumerLagStatus,
  RestartResult,
  StreamingApi,
  TopicStatus,
} from './StreamingApi';

// The backend answers a down upstream within ~4 s; this bounds a hung backend as well.
const REQUEST_TIMEOUT_MS = 8000;

/** StreamingApi over the streaming backend (fetchApi adds the user's token). */
export class StreamingClient implements StreamingApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getTopic(entityRef: string): Promise<TopicStatus> {
    return this.get('topic', entityRef);
  }

  getConsumerLag(entityRef: string): Promise<ConsumerLagStatus> {
    return this.get('consumer-lag', entityRef);
  }

  getConnectors(entityRef: string): Promise<ConnectorsStatus> {
    return this.get('connectors', entityRef);
  }

  restartFailedTasks(entityRef: string, connector?: string): Promise<RestartResult> {
    return this.request('connectors/restart-failed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(connector ? { entityRef, connector } : { entityRef }),
    });
  }

  private get<T>(path: string, entityRef: string): Promise<T> {
    return this.request(`${path}?${new URLSearchParams({ entityRef })}`, {});
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('streaming');
    const response = await this.deps.fetchApi.fetch(`${base}/${path}`, {
      ...init,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!response.ok) {
      const error = await ResponseError.fromResponse(response);
      // The backend's message names the component that is down ("kafka-connect is unreachable ...").
      throw new Error(error.body?.error?.message ?? error.message);
    }
    return response.json();
  }
}
