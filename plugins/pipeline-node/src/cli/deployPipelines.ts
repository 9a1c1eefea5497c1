/**
 * Deploys pipeline specs (pipeline.yaml files) with PipelineDeployer — the code the templates'
 * deploy action runs — outside the portal: infra/local/stack deploys the platform's own seed
 * pipelines (catalog/pipelines/<name>/pipeline.yaml) this way when it starts.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs deployPipelines.ts \
 *     --config app-config.yaml [--dry-run] <pipeline.yaml>...
 *
 * Upstreams come from the portal's own config (`dataPlatform.upstreams`). Prints one line per
 * change and exits non-zero when any pipeline failed, naming the step and component.
 */
import fs from 'node:fs';
import { ConfigSources } from '@backstage/config-loader';
import { parse } from 'yaml';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import { PipelineDeployer } from '../deploy/PipelineDeployer';
import { UpstreamRegistry } from '../service/UpstreamRegistry';
import { formatStepResult } from './formatStepResult';

interface Args {
  configArgs: string[];
  dryRun: boolean;
  files: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { configArgs: [], dryRun: false, files: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--config') args.configArgs.push('--config', argv[++i]);
    else if (argv[i] === '--dry-run') args.dryRun = true;
    else args.files.push(argv[i]);
  }
  if (!args.files.length)
    throw new Error(
      'usage: deployPipelines [--config <app-config>]... [--dry-run] <pipeline.yaml>...',
    );
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const config = await ConfigSources.toConfig(
    ConfigSources.default({ argv: args.configArgs }),
  );
  const deployer = new PipelineDeployer(UpstreamRegistry.fromConfig(config));
  let failed = 0;
  for (const file of args.files) {
    const parsed = parsePipelineSpec(parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      process.stderr.write(
        `${file}: not a valid pipeline spec:\n${parsed.message}\n`,
      );
      failed++;
      continue;
    }
    const name = parsed.spec.name;
    const started = Date.now();
    try {
      await deployer.deploy(parsed.spec, {
        dryRun: args.dryRun,
        onStep: result => process.stdout.write(formatStepResult(name, result)),
      });
      process.stdout.write(
        `[${name}] deployed in ${((Date.now() - started) / 1000).toFixed(
          1,
        )}s\n`,
      );
    } catch (error) {
      process.stderr.write(
        `[${name}] ${error instanceof Error ? error.message : String(error)}\n`,
      );
      failed++;
    }
  }
  config.close();
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(2);
});
