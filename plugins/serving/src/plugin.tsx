import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isServingSinkAvailable } from '@internal/backstage-plugin-pipeline-common';
import { servingApiRef } from './api/ServingApi';
import { ServingClient } from './api/ServingClient';

const servingApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: servingApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ServingClient(deps),
    }),
});

/** On every entity whose annotation names a serving target. */
const servingEntityCard = EntityCardBlueprint.make({
  name: 'serving-store',
  params: {
    filter: isServingSinkAvailable,
    loader: () =>
      import('./components/ServingCard').then(m => <m.ServingCard />),
  },
});

/** The serving stores (Cassandra, CouchDB) of pipeline entities. */
export const servingPlugin = createFrontendPlugin({
  pluginId: 'serving',
  extensions: [servingApi, servingEntityCard],
});
