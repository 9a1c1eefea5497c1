import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { renderPipelineFiles } from '../render/pipelineFiles';
import { specFromInput } from './deployStepActions';

/** Writes the pipeline spec and everything rendered from it into the task workspace. */
export function createRenderPipelineAction() {
  return createTemplateAction({
    id: 'dataplatform:pipeline:render',
    description:
      'Validates a pipeline spec and writes pipeline.yaml, the rendered topics, Debezium connector configs, Paimon DDL, Flink SQL and Strimzi resources, and (with `repository`) catalog-info.yaml, TechDocs and README into the workspace.',
    supportsDryRun: true,
    schema: {
      input: {
        spec: (z: any) =>
          z.record(z.string(), z.unknown()).describe('The pipeline spec.'),
        targetPath: (z: any) =>
          z
            .string()
            .optional()
            .describe(
              'Folder inside the workspace; the workspace root by default.',
            ),
        repository: (z: any) =>
          z
            .object({
              shapeTitle: z.string().max(80).optional(),
              system: z.string().max(200).optional(),
              repoUrl: z.string().url().optional(),
            })
            .optional()
            .describe(
              'When given, also writes catalog-info.yaml, mkdocs.yml, docs/ and README.md.',
            ),
      },
      output: {
        files: (z: any) =>
          z
            .array(z.string())
            .describe('Paths written, relative to the workspace.'),
      },
    },
    async handler(ctx) {
      const spec = specFromInput(ctx.input.spec);
      const root = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
      );
      const files = renderPipelineFiles(spec, undefined, ctx.input.repository);
      for (const [relative, content] of Object.entries(files)) {
        const file = resolveSafeChildPath(root, relative);
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.writeFile(file, content, 'utf8');
        ctx.logger.info(`wrote ${relative}`);
      }
      ctx.output('files', Object.keys(files));
    },
  });
}
