import type { Entity } from '@backstage/catalog-model';
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
import {
  isNessieBranchAvailable,
  isPaimonTableAvailable,
} from '@internal/backstage-plugin-pipeline-common';
import { nessieApiRef } from './api/NessieApi';
import { NessieClient } from './api/NessieClient';

/** Entities with a Nessie branch or a Paimon table: the Versions tab and card apply to them. */
export const isVersionedEntity = (entity: Entity) =>
  isNessieBranchAvailable(entity) || isPaimonTableAvailable(entity);

const nessieApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: nessieApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NessieClient({ discoveryApi, fetchApi }),
    }),
});

const dataVersionsCard = EntityCardBlueprint.make({
  name: 'data-versions',
  params: {
    filter: isVersionedEntity,
    loader: () =>
      import('./components/DataVersionsCard').then(m => <m.DataVersionsCard />),
  },
});

const versionsContent = EntityContentBlueprint.make({
  name: 'versions',
  params: {
    path: 'versions',
    title: 'Versions',
    filter: isVersionedEntity,
    loader: () =>
      import('./components/VersionsTab').then(m => <m.VersionsTab />),
  },
});

/** Nessie branches and tags beside the Paimon snapshots and tags of entity tables. */
export const nessiePlugin = createFrontendPlugin({
  pluginId: 'nessie',
  title: 'Data versions',
  extensions: [nessieApi, dataVersionsCard, versionsContent],
});
