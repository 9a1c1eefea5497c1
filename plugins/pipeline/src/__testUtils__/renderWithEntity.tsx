import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { mockBackendDeps } from '@internal/backstage-plugin-pipeline-react/testUtils';
import type { ReactElement } from 'react';
import { pipelineApiRef } from '../api/PipelineApi';
import { PipelineClient } from '../api/PipelineClient';

/** Renders a component of the plugin with the real client against msw, inside an entity page. */
export function renderWithEntity(element: ReactElement, entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [[pipelineApiRef, new PipelineClient(mockBackendDeps())]],
    },
  );
}
