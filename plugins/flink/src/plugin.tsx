import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isFlinkJobAvailable } from '@internal/backstage-plugin-pipeline-common';
import { RiPulseLine } from '@remixicon/react';
import { flinkApiRef } from './api/FlinkApi';
import { FlinkClient } from './api/FlinkClient';

export const fleetRouteRef = createRouteRef();

/**
 * Entities with the flink-job-name annotation, and flink-job components that lack it (they get
 * the "add the annotation" message instead of nothing).
 */
export const isFlinkJobEntity = (entity: Entity) =>
  isFlinkJobAvailable(entity) ||
  (entity.kind.toLowerCase() === 'component' &&
    entity.spec?.type === 'flink-job');

const flinkApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: flinkApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new FlinkClient({ discoveryApi, fetchApi }),
    }),
});

const flinkJobCard = EntityCardBlueprint.make({
  name: 'job',
  params: {
    filter: isFlinkJobEntity,
    loader: () =>
      import('./components/EntityFlinkJobCard').then(m => (
        <m.EntityFlinkJobCard />
      )),
  },
});

const flinkJobContent = EntityContentBlueprint.make({
  name: 'job',
  params: {
    path: 'flink',
    title: 'Flink',
    filter: isFlinkJobEntity,
    loader: () =>
      import('./components/FlinkJobTab').then(m => <m.FlinkJobTab />),
  },
});

const fleetPage = PageBlueprint.make({
  params: {
    path: '/flink',
    title: 'Flink jobs',
    icon: <RiPulseLine />,
    routeRef: fleetRouteRef,
    loader: () =>
      import('./components/FlinkFleetPage').then(m => <m.FlinkFleetPage />),
  },
});

/** Flink job health: entity card and tab, and the fleet page at /flink. */
export const flinkPlugin = createFrontendPlugin({
  pluginId: 'flink',
  title: 'Flink jobs',
  icon: <RiPulseLine />,
  routes: { fleet: fleetRouteRef },
  extensions: [flinkApi, flinkJobCard, flinkJobContent, fleetPage],
});
