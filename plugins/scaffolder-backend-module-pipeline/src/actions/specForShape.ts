import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { specForShape, USE_CASE_SHAPES } from '../render/shapes';

/**
 * Builds the pipeline spec of a use-case shape from a template form's answers. The input schema
 * below only types the fields; pipeline-common's shapeParamsSchema (the one the form's backend
 * routes use too) decides what is valid, and its messages name the field.
 */
export function createSpecForShapeAction() {
  return createTemplateAction({
    id: 'dataplatform:pipeline:spec-for-shape',
    description: `The pipeline spec of a use-case shape (${USE_CASE_SHAPES.join(
      ', ',
    )}) owned by this pipeline: its own connectors and CDC topics, credentials by reference, and what the form shaped (CEP threshold and window, interest thresholds, source tables and columns, SELECTs, partitions).`,
    supportsDryRun: true,
    schema: {
      input: {
        shape: (z: any) => z.enum(USE_CASE_SHAPES as unknown as [string]),
        name: (z: any) => z.string().regex(/^[a-z][a-z0-9-]{2,40}$/),
        owner: (z: any) => z.string().max(200),
        description: (z: any) => z.string().max(1000).optional(),
        catalogDatabase: (z: any) => z.string().max(63).optional(),
        domain: (z: any) => z.string().max(31).optional(),
        checkpointSeconds: (z: any) => z.number().int().optional(),
        freshnessSeconds: (z: any) => z.number().int().optional(),
        partitions: (z: any) =>
          z
            .record(z.string(), z.number().int())
            .optional()
            .describe('cdc, or a Kafka sink topic → partitions'),
        cep: (z: any) =>
          z
            .object({
              failedAttempts: z.number().int().optional(),
              windowMinutes: z.number().int().optional(),
            })
            .optional()
            .describe('fraud-cep: failed payments before a checkout, window'),
        interest: (z: any) =>
          z
            .object({
              hotAddToCarts: z.number().int().optional(),
              warmEvents: z.number().int().optional(),
            })
            .optional()
            .describe('stream-enrichment: interest thresholds'),
        selects: (z: any) =>
          z
            .record(z.string(), z.string())
            .optional()
            .describe('derived table / Kafka sink → authored SELECT'),
        sourceTables: (z: any) =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe(
              'copy table → {source, table, columns, primaryKey} picked from the source schema',
            ),
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
