import type {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { PipelineBackend } from '../pipelineBackend/PipelineBackendClient';

export const REGISTER_ACTION_ID = 'dataplatform:catalog:register';

/**
 * Registers a pipeline repository's catalog-info.yaml. Users may not register locations by hand
 * (the permission policy keeps that for operators: a location makes the catalog ingest whatever
 * the URL serves, owners included). This action registers only the catalog-info.yaml of a
 * repository the pipeline registry says belongs to a pipeline the initiator owns, and does it
 * with the scaffolder's own service credentials.
 */
export function createRegisterInCatalogAction(options: {
  backend: Pick<PipelineBackend, 'verifyRegistration'>;
  catalog: Pick<CatalogService, 'addLocation'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}) {
  return createTemplateAction({
    id: REGISTER_ACTION_ID,
    description:
      "Registers the catalog-info.yaml of a repository the pipeline registry gives to a pipeline the initiator owns (dataplatform:publish:local-git's catalogInfoUrl); outputs the pipeline's entityRef.",
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoUrl: z =>
          z
            .string()
            .url()
            .max(1000)
            .describe('catalogInfoUrl of the publish step'),
      },
      output: {
        entityRef: z => z.string().describe("The pipeline's Component"),
        catalogInfoUrl: z => z.string(),
      },
    },
    async handler(ctx) {
      const { catalogInfoUrl } = ctx.input;
      if (ctx.isDryRun) {
        ctx.logger.info(`dry run: would register ${catalogInfoUrl}`);
        ctx.output('catalogInfoUrl', catalogInfoUrl);
        return;
      }
      const credentials: BackstageCredentials =
        await ctx.getInitiatorCredentials();
      const { pipeline, entityRef } = await options.backend.verifyRegistration(
        { catalogInfoUrl },
        credentials,
      );
      ctx.logger.info(
        `registering ${catalogInfoUrl} (pipeline ${pipeline}) in the catalog`,
      );
      try {
        await options.catalog.addLocation(
          { type: 'url', target: catalogInfoUrl },
          { credentials: await options.auth.getOwnServiceCredentials() },
        );
      } catch (error) {
        // A re-run: the location is registered already and the catalog keeps refreshing it.
        if (
          !(error instanceof ConflictError) &&
          (error as any)?.response?.status !== 409
        )
          throw error;
        ctx.logger.info(`${catalogInfoUrl} was registered already`);
      }
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', catalogInfoUrl);
    },
  });
}
