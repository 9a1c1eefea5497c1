import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  InputScope,
  inputScopeProblems,
  parsePipelineSpec,
  PipelineSpec,
  PipelineStepView,
} from '@internal/backstage-plugin-pipeline-common';
import type { DeployStepName } from '@internal/backstage-plugin-pipeline-node';
import type { PipelineBackend } from '../pipelineBackend/PipelineBackendClient';

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
    id: 'dataplatform:serving:ensure-stores',
    step: 'serving-stores',
    description:
      "Creates the serving sinks' Cassandra keyspaces and tables and CouchDB databases and design documents (views) that do not exist yet; updates a changed design document.",
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

function logResult(logger: { info(m: string): void }, r: PipelineStepView) {
  for (const c of r.changes)
    logger.info(
      `${r.step} (${r.component})${r.dryRun ? ' [dry run]' : ''}: ${c.target} ${
        c.outcome
      }${c.detail ? ` — ${c.detail}` : ''}`,
    );
}

/**
 * Refuses a spec that reaches outside the configured sources or its namespace before anything
 * leaves the process. The pipeline backend checks the same again (it is the authority); this
 * only fails a template run fast.
 */
function checkScope(spec: PipelineSpec, scope: InputScope) {
  const problems = inputScopeProblems(spec, scope);
  if (problems.length)
    throw new InputError(
      `pipeline ${
        spec.name
      } reaches outside what it may use; nothing was changed:\n${problems.join(
        '\n',
      )}`,
    );
}

/**
 * Thin actions: parse and scope-check the input, then ask the pipeline backend — as the task's
 * initiator — to deploy it. The backend authorizes the initiator against the pipeline's owner
 * in the registry, checks claims, serializes per pipeline, audits and records the history.
 */
export function createDeployActions(
  backend: PipelineBackend,
  scope: InputScope,
) {
  const run = async (
    ctx: {
      input: { spec: unknown; instance?: string; day?: string };
      isDryRun?: boolean;
      logger: { info(m: string): void };
      getInitiatorCredentials(): Promise<BackstageCredentials>;
    },
    steps?: DeployStepName[],
  ) => {
    const spec = specFromInput(ctx.input.spec);
    checkScope(spec, scope);
    const response = await backend.deploy(
      {
        spec: ctx.input.spec,
        dryRun: Boolean(ctx.isDryRun),
        steps,
        day: ctx.input.day,
        instance: ctx.input.instance,
      },
      await ctx.getInitiatorCredentials(),
    );
    for (const r of response.record.steps) logResult(ctx.logger, r);
    return response.record.steps;
  };
  const stepActions = DEPLOY_STEP_ACTIONS.map(({ id, step, description }) =>
    createTemplateAction({
      id,
      description,
      supportsDryRun: true,
      schema: { input: inputSchema, output: outputSchema },
      async handler(ctx) {
        ctx.output('results', (await run(ctx, [step])) as any);
      },
    }),
  );
  const deployAll = createTemplateAction({
    id: 'dataplatform:pipeline:deploy',
    description:
      'Deploys a pipeline spec through the pipeline registry (as the task initiator): topics → connectors → Nessie branch → Paimon tables → serving stores → EXPLAIN → Flink job. Re-running is a no-op.',
    supportsDryRun: true,
    schema: { input: inputSchema, output: outputSchema },
    async handler(ctx) {
      ctx.output('results', (await run(ctx)) as any);
    },
  });
  return [...stepActions, deployAll];
}
