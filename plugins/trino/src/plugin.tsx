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
import { isPaimonTableAvailable } from '@internal/backstage-plugin-pipeline-common';
import { trinoApiRef } from './api/TrinoApi';
import { TrinoClient } from './api/TrinoClient';

const trinoApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: trinoApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TrinoClient(deps),
    }),
});

const trinoEntityCard = EntityCardBlueprint.make({
  name: 'query-in-trino',
  params: {
    filter: isPaimonTableAvailable,
    loader: () => import('./components/TrinoCard').then(m => <m.TrinoCard />),
  },
});

const trinoEntityContent = EntityContentBlueprint.make({
  name: 'trino',
  params: {
    path: 'trino',
    title: 'Trino',
    filter: isPaimonTableAvailable,
    loader: () =>
      import('./components/TrinoContent').then(m => <m.TrinoContent />),
  },
});

/** Trino on entity pages of Paimon tables and the pipelines that write them. */
export const trinoPlugin = createFrontendPlugin({
  pluginId: 'trino',
  extensions: [trinoApi, trinoEntityCard, trinoEntityContent],
});
