import {
  PluginBackendRequester,
  type PluginBackendDeps,
} from '@internal/backstage-plugin-pipeline-react';
import type {
  ServingLookupRequest,
  ServingLookupResult,
  ServingStats,
  ServingTargets,
} from '@internal/backstage-plugin-pipeline-common';
import type { ServingApi } from './ServingApi';

/** The backend answers within 5 s; a card must not spin longer when the network hangs. */
const TIMEOUT_MS = 10_000;

/** ServingApi over the serving backend; failures are DataPlatformApiErrors with its message. */
export class ServingClient implements ServingApi {
  private readonly backend: PluginBackendRequester;

  constructor(deps: PluginBackendDeps) {
    this.backend = new PluginBackendRequester('serving', deps, {
      timeoutMs: TIMEOUT_MS,
    });
  }

  targets(entityRef: string) {
    return this.backend.get<ServingTargets>('/targets', { entityRef });
  }

  stats(entityRef: string, target?: string) {
    return this.backend.get<ServingStats>('/stats', { entityRef, target });
  }

  lookup(request: ServingLookupRequest) {
    return this.backend.post<ServingLookupResult>('/lookup', request);
  }
}
