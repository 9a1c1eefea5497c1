import type { StepResult } from '../deploy/types';

/** One line per change of a deploy step: `[pipeline] step: target outcome (detail)`. */
export function formatStepResult(pipeline: string, result: StepResult): string {
  const prefix = `[${pipeline}] ${result.step}${
    result.dryRun ? ' (dry run)' : ''
  }`;
  if (!result.changes.length) return `${prefix}: nothing to do\n`;
  return result.changes
    .map(
      c =>
        `${prefix}: ${c.target} ${c.outcome}${
          c.detail ? ` (${c.detail})` : ''
        }\n`,
    )
    .join('');
}
