import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** A ref in the catalog's canonical, lower-case form, so refs written differently still match. */
const canonical = (ref: string, entity: Entity, defaultKind?: string) => {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
};

export const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/** The System an entity belongs to (`spec.system`, relative to the entity's namespace). */
export function systemRefOf(entity: Entity): string | undefined {
  const system = entity.spec?.system;
  return typeof system === 'string' && system
    ? canonical(system, entity, 'system')
    : undefined;
}

/**
 * What an entity depends on: the catalog's `dependsOn` relations, and `spec.dependsOn` for
 * entities that have not been through the catalog's processing.
 */
export function dependsOnRefs(entity: Entity): string[] {
  const fromRelations = (entity.relations ?? [])
    .filter(r => r.type === 'dependsOn')
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  const declared = Array.isArray(entity.spec?.dependsOn)
    ? entity.spec.dependsOn
    : [];
  const fromSpec = declared
    .filter((ref): ref is string => typeof ref === 'string')
    .map(ref => canonical(ref, entity));
  return [...new Set([...fromRelations, ...fromSpec])].filter(
    (ref): ref is string => Boolean(ref),
  );
}
