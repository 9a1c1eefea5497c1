import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Entity, LocationEntity } from '@backstage/catalog-model';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** The repository root, where the catalog's file locations start. */
export const REPO_ROOT = path.resolve(resolvePackagePath('backend'), '../..');

export interface CatalogFileEntity {
  entity: Entity;
  file: string;
}

/**
 * Reads entities the way the catalog's file locations do: start from the given files and
 * follow every Location's targets, relative to the file that names them.
 */
export function readCatalogFiles(startFiles: string[]): CatalogFileEntity[] {
  const seen = new Set<string>();
  const out: CatalogFileEntity[] = [];
  const queue = startFiles.map(f => path.resolve(REPO_ROOT, f));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      if (doc.errors.length > 0) {
        throw new Error(
          `${path.relative(REPO_ROOT, file)}: ${doc.errors[0].message}`,
        );
      }
      const entity = doc.toJS() as Entity | null;
      if (!entity) continue;
      out.push({ entity, file: path.relative(REPO_ROOT, file) });
      if (entity.kind === 'Location') {
        const spec = (entity as LocationEntity).spec;
        for (const target of [spec.target, ...(spec.targets ?? [])].filter(
          Boolean,
        ) as string[]) {
          queue.push(path.resolve(path.dirname(file), target));
        }
      }
    }
  }
  return out;
}

/** The files app-config.yaml registers as catalog locations. */
export const CATALOG_ROOTS = [
  'catalog-info.yaml',
  'catalog/all.yaml',
  'templates/all.yaml',
];
