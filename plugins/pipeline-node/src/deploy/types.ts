import type { UpstreamComponent } from '../lib/errors';

/** The deploy steps in the order a pipeline needs them. @public */
export const DEPLOY_STEPS = [
  'topics',
  'connectors',
  'nessie-branch',
  'paimon-tables',
  'serving-stores',
  'flink-sql',
  'flink-job',
] as const;
/** @public */
export type DeployStepName = (typeof DEPLOY_STEPS)[number] | 'release-tag';

/**
 * What a step did (or, in a dry run, would do). `unchanged` means the stack already matched the
 * spec, which is what every step reports on a second run.
 *
 * @public
 */
export type StepOutcome =
  | 'created'
  | 'updated'
  | 'unchanged'
  | 'skipped'
  | 'validated'
  | 'planned';

/** @public */
export interface StepChange {
  /** What the change is about: a topic, a connector, a table, a job. */
  target: string;
  outcome: StepOutcome;
  detail?: string;
}

/** @public */
export interface StepResult {
  step: DeployStepName;
  component: UpstreamComponent;
  dryRun: boolean;
  changes: StepChange[];
}

/** @public */
export interface StepOptions {
  dryRun?: boolean;
}

/**
 * A deploy step failed. The message names the step, the component and what to do; everything
 * done before is left in place, and re-running the deploy completes it.
 *
 * @public
 */
export class DeployStepError extends Error {
  constructor(
    readonly step: DeployStepName,
    readonly component: UpstreamComponent,
    readonly hint: string,
    cause: unknown,
  ) {
    const said = cause instanceof Error ? cause.message : String(cause);
    super(`deploy step '${step}' failed at ${component}: ${said}. ${hint}`, {
      cause,
    });
    this.name = 'DeployStepError';
  }
}

/** Runs one step, turning any error into a DeployStepError that names step and component. */
export async function runStep(
  step: DeployStepName,
  component: UpstreamComponent,
  hint: string,
  fn: () => Promise<StepChange[]>,
  options: StepOptions,
): Promise<StepResult> {
  try {
    return {
      step,
      component,
      dryRun: Boolean(options.dryRun),
      changes: await fn(),
    };
  } catch (error) {
    if (error instanceof DeployStepError) throw error;
    throw new DeployStepError(step, component, hint, error);
  }
}

/** What a create-if-missing step reports for one object: it existed, would be made, or was made. */
export function creationOutcome(
  exists: boolean,
  dryRun: boolean | undefined,
): StepOutcome {
  if (exists) return 'unchanged';
  return dryRun ? 'planned' : 'created';
}
