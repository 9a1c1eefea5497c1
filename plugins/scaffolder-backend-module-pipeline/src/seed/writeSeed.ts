/**
 * Re-renders catalog/pipelines/* from the seed definitions (seedPipelines.ts):
 *   yarn workspace @internal/backstage-plugin-scaffolder-backend-module-pipeline seed:render
 * Run it after changing a use-case shape or a renderer; seedPipelines.test.ts fails until then.
 */
import path from 'node:path';
import { writeSeedRepositories } from './seedPipelines';

const repoRoot = path.resolve(process.cwd(), process.argv[2] ?? '../..');
const files = writeSeedRepositories(repoRoot);
process.stdout.write(
  `wrote ${files.length} files under ${repoRoot}/catalog/pipelines\n`,
);
