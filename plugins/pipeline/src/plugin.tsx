import type { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { RiRocketLine } from '@remixicon/react';
import { pipelineApiRef } from './api/PipelineApi';
import { PipelineClient } from './api/PipelineClient';

/** A pipeline's Component: the Flink job Component every pipeline repository renders. */
export const isPipelineEntity = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  entity.spec?.type === 'flink-job';

const pipelineApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: pipelineApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new PipelineClient({ discoveryApi, fetchApi }),
    }),
});

const deploymentContent = EntityContentBlueprint.make({
  name: 'deployment',
  params: {
    path: 'deployment',
    title: 'Deployment',
    filter: isPipelineEntity,
    loader: () =>
      import('./components/DeploymentTab').then(m => <m.DeploymentTab />),
  },
});

/** Day 2 of a pipeline: the Deployment tab of its entity page. */
export const pipelinePlugin = createFrontendPlugin({
  pluginId: 'pipeline',
  title: 'Pipelines',
  icon: <RiRocketLine />,
  extensions: [pipelineApi, deploymentContent],
});
