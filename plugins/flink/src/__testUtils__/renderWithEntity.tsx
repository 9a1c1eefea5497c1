import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockBackendDeps } from '@internal/backstage-plugin-pipeline-react/testUtils';
import type { ReactElement } from 'react';
import { flinkApiRef } from '../api/FlinkApi';
import { FlinkClient } from '../api/FlinkClient';

/** Renders a component of the plugin with the real client against msw, inside an entity page. */
export function renderWithEntity(
  element: ReactElement,
  options: {
    entity?: Entity;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const client = new FlinkClient(mockBackendDeps());
  const content = options.entity ? (
    <EntityProvider entity={options.entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(content, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    apis: [
      [flinkApiRef, client],
      mockApis.permission({
        authorize: options.permission ?? AuthorizeResult.ALLOW,
      }),
    ],
  });
}
