import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { mockBackendDeps } from '@internal/backstage-plugin-pipeline-react/testUtils';
import type { ReactElement } from 'react';
import { servingApiRef } from '../api/ServingApi';
import { ServingClient } from '../api/ServingClient';

/** Renders a component with the real client against msw, inside the entity's page. */
export function renderWithEntity(element: ReactElement, entity: Entity) {
  return renderInTestApp(
    <EntityProvider entity={entity}>{element}</EntityProvider>,
    { apis: [[servingApiRef, new ServingClient(mockBackendDeps())]] },
  );
}
