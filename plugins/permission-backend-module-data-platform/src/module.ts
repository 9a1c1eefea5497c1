import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { DataPlatformPermissionPolicy } from './DataPlatformPermissionPolicy';

/** Installs the data platform's permission policy in the permission backend. */
export const permissionModuleDataPlatform = createBackendModule({
  pluginId: 'permission',
  moduleId: 'data-platform-policy',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig, policy: policyExtensionPoint },
      async init({ config, policy }) {
        policy.setPolicy(DataPlatformPermissionPolicy.fromConfig(config));
      },
    });
  },
});
