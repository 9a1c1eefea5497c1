import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { specForShape, USE_CASE_SHAPES } from '../render/shapes';

/** Builds the pipeline spec of a use-case shape from a template form's few answers. */
export function createSpecForShapeAction() {
  return createTemplateAction({
    id: 'dataplatform:pipeline:spec-for-shape',
    description: `The pipeline spec of a use-case shape (${USE_CASE_SHAPES.join(
      ', ',
    )}) owned by this pipeline: its own connectors and CDC topics, credentials by reference.`,
    supportsDryRun: true,
    schema: {
      input: {
        shape: (z: any) => z.enum(USE_CASE_SHAPES as [string, ...string[]]),
        name: (z: any) => z.string().regex(/^[a-z][a-z0-9-]{2,40}$/),
        owner: (z: any) => z.string().max(200),
        description: (z: any) => z.string().max(1000).optional(),
        catalogDatabase: (z: any) =>
          z
            .string()
            .regex(/^[a-z_][a-z0-9_]{0,62}$/)
            .optional(),
        domain: (z: any) =>
          z
            .string()
            .regex(/^[a-z][a-z0-9-]{1,30}$/)
            .optional(),
        checkpointSeconds: (z: any) =>
          z.number().int().min(1).max(3600).optional(),
        freshnessSeconds: (z: any) => z.number().int().min(1).optional(),
      },
      output: { spec: (z: any) => z.record(z.string(), z.unknown()) },
    },
    async handler(ctx) {
      const { shape, ...params } = ctx.input;
      let spec;
      try {
        spec = specForShape(shape, params);
      } catch (e) {
        throw new InputError((e as Error).message);
      }
      ctx.output('spec', spec as any);
    },
  });
}
