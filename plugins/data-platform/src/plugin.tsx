import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/** On every entity: its monitoring links, or how to add them. */
export const monitoringEntityCard = EntityCardBlueprint.make({
  name: 'monitoring',
  params: {
    loader: () => import('./components/MonitoringCard').then(m => <m.MonitoringCard />),
  },
});

export default createFrontendPlugin({
  pluginId: 'data-platform',
  extensions: [monitoringEntityCard],
});
