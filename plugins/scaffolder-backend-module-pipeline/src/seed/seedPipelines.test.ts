import path from 'node:path';
import {
  readTree,
  renderSeedRepository,
  SEED_PIPELINES,
  SEED_PIPELINES_DIR,
} from './seedPipelines';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

describe('seed pipelines', () => {
  it('covers the five use-case shapes once each', () => {
    expect(SEED_PIPELINES.map(s => s.shape).sort()).toEqual([
      'cdc-lakehouse',
      'customer-support-360',
      'fraud-cep',
      'inventory-360',
      'stream-enrichment',
    ]);
  });

  it.each(SEED_PIPELINES.map(s => [s.params.name, s] as const))(
    '%s: the committed repository is its current rendering (else run `yarn seed:render` in this package)',
    (name, seed) => {
      const committed = readTree(
        path.join(REPO_ROOT, SEED_PIPELINES_DIR, name),
      );
      expect(committed).toEqual(renderSeedRepository(seed));
    },
  );
});
