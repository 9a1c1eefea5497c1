import type { PipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import type { NessieClient } from '../clients/nessie/NessieClient';
import { NotFoundError } from '../lib/errors';
import { runStep, StepOptions } from './types';

const getOptional = (nessie: NessieClient, name: string) =>
  nessie.getReference(name).catch(e => {
    if (e instanceof NotFoundError) return undefined;
    throw e;
  });

/** Creates the pipeline's branch from `main` when it does not exist yet. */
export function ensureNessieBranch(
  nessie: NessieClient,
  spec: PipelineSpec,
  options: StepOptions & { from?: string } = {},
) {
  const branch = spec.nessie.branch;
  return runStep(
    'nessie-branch',
    'nessie',
    'Check that Nessie is reachable, then re-run the deploy.',
    async () => {
      const existing = await getOptional(nessie, branch);
      if (existing)
        return [
          {
            target: branch,
            outcome: 'unchanged' as const,
            detail: `at ${existing.hash}`,
          },
        ];
      const from = options.from ?? 'main';
      if (options.dryRun)
        return [
          {
            target: branch,
            outcome: 'planned' as const,
            detail: `would branch from ${from}`,
          },
        ];
      const created = await nessie.createBranch(branch, { name: from });
      return [
        {
          target: branch,
          outcome: 'created' as const,
          detail: `from ${from} at ${created.hash}`,
        },
      ];
    },
    options,
  );
}

export { getOptional as getOptionalNessieReference };
