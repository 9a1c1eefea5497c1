import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  GitServerClient,
  PipelineDeployer,
  readInputScope,
  UpstreamRegistry,
} from '@internal/backstage-plugin-pipeline-node';
import { RegistryStore } from './registry/RegistryStore';
import { RestorePointStore } from './registry/RestorePointStore';
import { createRouter } from './router';
import { PipelineAccess } from './service/access';
import { RegistryContext } from './service/context';
import { RestoreOperations } from './service/restoreOperations';
import { registerPlatformPipelines } from './service/platformPipelines';

/** The pipeline registry and the day-2 actions of pipelines, under /api/pipeline. */
export const pipelinePlugin = createBackendPlugin({
  pluginId: 'pipeline',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        logger: coreServices.logger,
      },
      async init({
        config,
        database,
        httpAuth,
        httpRouter,
        permissions,
        permissionsRegistry,
        auditor,
        logger,
      }) {
        const db = await database.getClient();
        const store = await RegistryStore.create(db, {
          skipMigrations: database.migrations?.skip,
        });
        const upstreams = UpstreamRegistry.fromConfig(config);
        const gitUrl = config.getOptionalString(
          'dataPlatform.git.localServer.url',
        );
        const ctx: RegistryContext = {
          store,
          restorePoints: new RestorePointStore(db),
          access: new PipelineAccess(permissions, permissionsRegistry, store),
          deployer: new PipelineDeployer(upstreams),
          upstreams,
          scope: readInputScope(config),
          git: gitUrl ? new GitServerClient({ baseUrl: gitUrl }) : undefined,
          auditor,
          logger,
          lockTtlMs:
            (config.getOptionalNumber('dataPlatform.registry.lockTtlSeconds') ??
              1800) * 1000,
        };
        const platformFiles = await registerPlatformPipelines(
          ctx,
          config.getOptionalStringArray(
            'dataPlatform.registry.platformPipelines',
          ) ?? [],
        );
        httpRouter.use(
          await createRouter({
            httpAuth,
            ctx,
            operations: new RestoreOperations(ctx),
            platformFiles,
          }),
        );
      },
    });
  },
});
