import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  parseEntityRef,
  resourceEntityV1alpha1Validator,
  stringifyEntityRef,
  systemEntityV1alpha1Validator,
  userEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import {
  MONITORING_LINKS_ANNOTATION,
  parseMonitoringLinks,
} from '@internal/backstage-plugin-pipeline-common';
import { CATALOG_ROOTS, REPO_ROOT, readCatalogFiles } from './catalogFiles';

const entities = readCatalogFiles(CATALOG_ROOTS);
const label = ({ entity, file }: { entity: Entity; file: string }) =>
  `${file} ${entity.kind}:${entity.metadata?.name}`;

// The same policies and kind validators the catalog backend applies when it ingests a file.
const policy = EntityPolicies.allOf([
  new DefaultNamespaceEntityPolicy(),
  new FieldFormatEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new SchemaValidEntityPolicy(),
]);
const kindValidators = [
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  domainEntityV1alpha1Validator,
  groupEntityV1alpha1Validator,
  locationEntityV1alpha1Validator,
  resourceEntityV1alpha1Validator,
  systemEntityV1alpha1Validator,
  templateEntityV1beta3Validator,
  userEntityV1alpha1Validator,
];

/** Spec fields holding references, with the kind a short reference defaults to. */
const REFERENCE_FIELDS: Array<[field: string, defaultKind?: string]> = [
  ['owner', 'group'],
  ['system', 'system'],
  ['domain', 'domain'],
  ['subcomponentOf', 'component'],
  ['dependsOn'],
  ['dependencyOf'],
  ['providesApi', 'api'],
  ['consumesApi', 'api'],
  ['memberOf', 'group'],
  ['parent', 'group'],
  ['children', 'group'],
];

const refOf = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');

describe('catalog files', () => {
  it('hold the platform and its five use cases', () => {
    expect(entities.length).toBeGreaterThan(60);
    const systems = entities
      .filter(e => e.entity.kind === 'System')
      .map(e => e.entity.metadata.name);
    expect(systems).toEqual(
      expect.arrayContaining([
        'data-platform',
        'fraud-detection',
        'inventory-360',
        'marketing-personalization',
        'finance-reconciliation',
        'customer-support-360',
      ]),
    );
  });

  it.each(entities.map(e => [label(e), e] as const))(
    '%s is a valid entity',
    async (_, { entity }) => {
      await expect(policy.enforce(entity)).resolves.toBeDefined();
      const results = await Promise.all(
        kindValidators.map(v => v.check(entity)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    },
  );

  it('defines each entity once', () => {
    const refs = entities.map(e => refOf(e.entity));
    const duplicates = refs.filter((r, i) => refs.indexOf(r) !== i);
    expect(duplicates).toEqual([]);
  });

  it('has every relation resolve to an entity in the catalog', () => {
    const known = new Set(entities.map(e => refOf(e.entity)));
    const dangling: string[] = [];
    for (const item of entities) {
      const spec = (item.entity.spec ?? {}) as Record<string, unknown>;
      for (const [field, defaultKind] of REFERENCE_FIELDS) {
        const value = spec[field];
        for (const raw of [value ?? []].flat() as string[]) {
          let ref: string;
          try {
            ref = stringifyEntityRef(
              parseEntityRef(raw, { defaultKind, defaultNamespace: 'default' }),
            );
          } catch (e) {
            dangling.push(
              `${label(item)} spec.${field}: ${raw} (${(e as Error).message})`,
            );
            continue;
          }
          if (!known.has(ref.toLocaleLowerCase('en-US'))) {
            dangling.push(`${label(item)} spec.${field}: ${raw}`);
          }
        }
      }
    }
    expect(dangling).toEqual([]);
  });

  it('points TechDocs at an mkdocs.yml at or below the folder of the entity file', () => {
    const documented = entities.filter(
      e => e.entity.metadata.annotations?.['backstage.io/techdocs-ref'],
    );
    expect(documented.map(e => e.entity.metadata.name)).toContain(
      'data-platform',
    );
    for (const { entity, file } of documented) {
      const ref = entity.metadata.annotations!['backstage.io/techdocs-ref'];
      expect(ref).toMatch(/^dir:/);
      const base = path.dirname(path.join(REPO_ROOT, file));
      const target = path.resolve(base, ref.slice('dir:'.length));
      // TechDocs refuses a dir: that climbs out of the entity file's folder.
      expect(path.relative(base, target).startsWith('..')).toBe(false);
      expect(fs.existsSync(path.join(target, 'mkdocs.yml'))).toBe(true);
    }
  });

  describe('monitoring links', () => {
    const appConfig = parse(
      fs.readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
    );
    const localLinks = Object.keys(
      appConfig.dataPlatform.stacks.local.monitoringLinks,
    );
    const monitored = entities.filter(
      e => !['Location', 'User', 'Group', 'Template'].includes(e.entity.kind),
    );

    it.each(monitored.map(e => [label(e), e] as const))(
      '%s names known links, at least one configured for the local stack',
      (_, { entity }) => {
        expect(
          entity.metadata.annotations?.[MONITORING_LINKS_ANNOTATION],
        ).toBeTruthy();
        const { ids, unknown } = parseMonitoringLinks(entity);
        expect(unknown).toEqual([]);
        expect(
          ids.filter(id => localLinks.includes(id)).length,
        ).toBeGreaterThan(0);
      },
    );
  });
});
