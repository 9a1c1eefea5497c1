import fs from 'node:fs';
import path from 'node:path';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import { renderPipelineFiles } from '../render/pipelineFiles';
import { ShapeParams, specForShape } from '../render/shapes';

/**
 * The seed's five use cases (MISSION.md §3) as the platform runs them: each is what its template
 * produces for these answers, so the platform's own pipelines and a team's are the same thing —
 * one spec, rendered by the same code, deployed by the same PipelineDeployer.
 */
export interface SeedPipeline {
  shape: string;
  /** Title of the shape, as its template names it (used in the rendered docs). */
  shapeTitle: string;
  system: string;
  params: ShapeParams;
}

export const SEED_PIPELINES: SeedPipeline[] = [
  {
    shape: 'cdc-lakehouse',
    shapeTitle: 'CDC → lakehouse',
    system: 'system:default/finance-reconciliation',
    params: {
      name: 'finance-fact-sink',
      owner: 'group:default/finance-team',
      description:
        'Orders (MariaDB) and payments (PostgreSQL) into Paimon finance_fact and payment_fact, reconciled per order.',
      domain: 'finance',
      catalogDatabase: 'commerce',
    },
  },
  {
    shape: 'stream-enrichment',
    shapeTitle: 'Stream enrichment',
    system: 'system:default/marketing-personalization',
    params: {
      name: 'marketing-enrichment',
      owner: 'group:default/marketing-team',
      description:
        'The behaviour stream enriched with Paimon customer_profile into marketing_segments.',
      domain: 'marketing',
      catalogDatabase: 'commerce',
    },
  },
  {
    shape: 'fraud-cep',
    shapeTitle: 'Fraud CEP',
    system: 'system:default/fraud-detection',
    params: {
      name: 'fraud-detection-cep',
      owner: 'group:default/fraud-team',
      description:
        'Failed payments followed by a checkout (MATCH_RECOGNIZE) into Paimon fraud_signals and the fraud_alerts topic.',
      domain: 'risk',
      catalogDatabase: 'commerce',
    },
  },
  {
    shape: 'inventory-360',
    shapeTitle: 'Inventory 360',
    system: 'system:default/inventory-360',
    params: {
      name: 'inventory-aggregation',
      owner: 'group:default/inventory-team',
      description:
        'Stock on hand minus open reservations per SKU, from order and stock CDC and the inventory-delta stream.',
      domain: 'supply',
      catalogDatabase: 'commerce',
    },
  },
  {
    shape: 'customer-support-360',
    shapeTitle: 'Customer Support 360',
    system: 'system:default/customer-support-360',
    params: {
      name: 'customer-case-builder',
      owner: 'group:default/customer-support-team',
      description:
        'Orders, payments and tickets combined into one case per customer.',
      domain: 'support',
      catalogDatabase: 'commerce',
    },
  },
];

/** Where the seed repositories live in this repository, relative to its root. */
export const SEED_PIPELINES_DIR = 'catalog/pipelines';

/** Every file of one seed repository, by path relative to its folder. */
export function renderSeedRepository(
  seed: SeedPipeline,
): Record<string, string> {
  const parsed = parsePipelineSpec(specForShape(seed.shape, seed.params));
  if (!parsed.success)
    throw new Error(`seed pipeline ${seed.params.name}: ${parsed.message}`);
  return renderPipelineFiles(parsed.spec, undefined, {
    system: seed.system,
    shapeTitle: seed.shapeTitle,
    lifecycle: 'production',
  });
}

/** Files under a folder, by relative path (empty when the folder does not exist). */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}

/** (Re)writes the seed repositories under `<repoRoot>/catalog/pipelines`, removing stale files. */
export function writeSeedRepositories(repoRoot: string): string[] {
  const written: string[] = [];
  for (const seed of SEED_PIPELINES) {
    const dir = path.join(repoRoot, SEED_PIPELINES_DIR, seed.params.name);
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [file, content] of Object.entries(renderSeedRepository(seed))) {
      const target = path.join(dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
      written.push(path.relative(repoRoot, target));
    }
  }
  return written;
}
