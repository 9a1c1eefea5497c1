import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockBackendDeps } from '@internal/backstage-plugin-pipeline-react/testUtils';
import type { ReactElement } from 'react';
import { nessieApiRef } from '../api/NessieApi';
import { NessieClient } from '../api/NessieClient';

/** Renders a component with the real client against msw, inside an entity page. */
export function renderWithEntity(
  element: ReactElement,
  options: {
    entity: Entity;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  },
) {
  const client = new NessieClient(mockBackendDeps());
  return renderInTestApp(
    <EntityProvider entity={options.entity}>{element}</EntityProvider>,
    {
      apis: [
        [nessieApiRef, client],
        mockApis.permission({
          authorize: options.permission ?? AuthorizeResult.ALLOW,
        }),
      ],
    },
  );
}
