import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ServingLookupRequest,
  ServingLookupResult,
  ServingStats,
  ServingTargets,
} from '@internal/backstage-plugin-pipeline-common';

/** The serving backend, seen from the browser. */
export interface ServingApi {
  targets(entityRef: string): Promise<ServingTargets>;
  stats(entityRef: string, target?: string): Promise<ServingStats>;
  lookup(request: ServingLookupRequest): Promise<ServingLookupResult>;
}

export const servingApiRef = createApiRef<ServingApi>().with({
  id: 'plugin.serving.api',
  pluginId: 'serving',
});
