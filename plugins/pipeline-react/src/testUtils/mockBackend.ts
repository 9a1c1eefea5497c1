import { mockApis } from '@backstage/frontend-test-utils';
import type { PluginBackendDeps } from '../api/PluginBackendRequester';

/** Where `mockBackendDeps()` puts a plugin's backend: msw handlers listen there. */
export const mockBackendBaseUrl = (pluginId: string) =>
  `http://example.com/api/${pluginId}`;

/**
 * What a plugin client needs, for tests: the mock discovery, and the global fetch (looked up at
 * call time, so msw's interception applies).
 */
export function mockBackendDeps(): PluginBackendDeps {
  return {
    discoveryApi: mockApis.discovery(),
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  };
}
