import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  PipelineStatusClient,
  pipelineStatusApiRef,
} from './api/PipelineStatusApi';
import { systemRefOf } from './lineage';

/** On every entity: its monitoring links, or how to add them. */
export const monitoringEntityCard = EntityCardBlueprint.make({
  name: 'monitoring',
  params: {
    loader: () =>
      import('./components/MonitoringCard').then(m => <m.MonitoringCard />),
  },
});

/**
 * Systems, and the members of one. Whether a System holds a pipeline (a member names a Flink
 * job, connector, topic or table) is only known once its members are read: the card renders
 * nothing when none does.
 */
export const isSystemOrMember = (entity: Entity) =>
  entity.kind.toLowerCase() === 'system' || Boolean(systemRefOf(entity));

const pipelineStatusApi = ApiBlueprint.make({
  name: 'pipeline-status',
  params: defineParams =>
    defineParams({
      api: pipelineStatusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PipelineStatusClient({ discoveryApi, fetchApi }),
    }),
});

/** The System's pipeline from sources to serving, with the live status of each node. */
export const lineageEntityCard = EntityCardBlueprint.make({
  name: 'lineage',
  params: {
    filter: isSystemOrMember,
    loader: () =>
      import('./components/lineage/EntityLineageCard').then(m => (
        <m.EntityLineageCard />
      )),
  },
});

export default createFrontendPlugin({
  pluginId: 'data-platform',
  extensions: [pipelineStatusApi, lineageEntityCard, monitoringEntityCard],
});
