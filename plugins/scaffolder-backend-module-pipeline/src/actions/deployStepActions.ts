import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import {
  DeployStepName,
  PipelineDeployer,
  StepResult,
} from '@internal/backstage-plugin-pipeline-node';

/** The scaffolder action of each deploy step, in deploy order. */
export const DEPLOY_STEP_ACTIONS: Array<{
  id: string;
  step: DeployStepName;
  description: string;
}> = [
  {
    id: 'dataplatform:kafka:ensure-topics',
    step: 'topics',
    description:
      'Creates the Kafka topics of a pipeline spec that do not exist yet; reports settings that differ.',
  },
  {
    id: 'dataplatform:connect:upsert-connectors',
    step: 'connectors',
    description:
      'Validates the rendered Debezium connector configs with Kafka Connect, then creates or updates them (an equal config is left alone).',
  },
  {
    id: 'dataplatform:nessie:ensure-branch',
    step: 'nessie-branch',
    description:
      "Creates the pipeline's Nessie branch from main when it does not exist.",
  },
  {
    id: 'dataplatform:paimon:ensure-tables',
    step: 'paimon-tables',
    description:
      'Creates the Paimon tables (DDL through the Flink SQL Gateway) that do not exist yet.',
  },
  {
    id: 'dataplatform:flink:validate-sql',
    step: 'flink-sql',
    description: "Plans the pipeline's Flink SQL on the SQL Gateway (EXPLAIN).",
  },
  {
    id: 'dataplatform:flink:deploy-job',
    step: 'flink-job',
    description:
      'Submits the Flink SQL job and waits for RUNNING; leaves a live job of the same rendering alone, and replaces one of an older rendering through a savepoint.',
  },
  {
    id: 'dataplatform:release:tag',
    step: 'release-tag',
    description:
      'Tags a release: a Paimon tag on every table and a Nessie tag of the same name (Paimon spells / as -).',
  },
];

/** Parses the spec before anything else: a bad spec fails with every problem listed and no upstream call. */
export function specFromInput(input: unknown) {
  const parsed = parsePipelineSpec(input);
  if (!parsed.success)
    throw new InputError(`the pipeline spec is invalid:\n${parsed.message}`);
  return parsed.spec;
}

const inputSchema = {
  spec: (z: any) =>
    z
      .record(z.string(), z.unknown())
      .describe('The pipeline spec (pipeline-common schema).'),
  instance: (z: any) =>
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .optional()
      .describe('Configured upstream instance; the first by default.'),
  day: (z: any) =>
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe('Release day (yyyy-mm-dd) for release tags; today by default.'),
};
const outputSchema = {
  results: (z: any) =>
    z
      .array(z.record(z.string(), z.unknown()))
      .describe('What each step did (or would do in a dry run).'),
};

function logResult(logger: { info(m: string): void }, r: StepResult) {
  for (const c of r.changes)
    logger.info(
      `${r.step} (${r.component})${r.dryRun ? ' [dry run]' : ''}: ${c.target} ${
        c.outcome
      }${c.detail ? ` — ${c.detail}` : ''}`,
    );
}

/** Thin actions: parse the input, call the deployer, log and output what it did. */
export function createDeployActions(deployer: PipelineDeployer) {
  const stepActions = DEPLOY_STEP_ACTIONS.map(({ id, step, description }) =>
    createTemplateAction({
      id,
      description,
      supportsDryRun: true,
      schema: { input: inputSchema, output: outputSchema },
      async handler(ctx) {
        const spec = specFromInput(ctx.input.spec);
        const result = await deployer.step(step, spec, {
          dryRun: ctx.isDryRun,
          instance: ctx.input.instance,
          day: ctx.input.day
            ? new Date(`${ctx.input.day}T12:00:00Z`)
            : undefined,
        });
        logResult(ctx.logger, result);
        ctx.output('results', [result as any]);
      },
    }),
  );
  const deployAll = createTemplateAction({
    id: 'dataplatform:pipeline:deploy',
    description:
      'Deploys a pipeline spec: topics → connectors → Nessie branch → Paimon tables → EXPLAIN → Flink job. Re-running is a no-op.',
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      const spec = specFromInput(ctx.input.spec);
      const results = await deployer.deploy(spec, {
        dryRun: ctx.isDryRun,
        instance: ctx.input.instance,
        onStep: r => logResult(ctx.logger, r),
      });
      ctx.output('results', results as any);
    },
  });
  return [...stepActions, deployAll];
}
