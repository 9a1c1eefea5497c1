import { type Entity, parseEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  buildLineage,
  dependsOnRefs,
  hasPipelineAnnotation,
  type Lineage,
  refOf,
  systemRefOf,
} from '../../lineage';

export interface SystemLineage {
  systemRef: string;
  lineage: Lineage;
}

/** The System an entity stands for or belongs to. */
export const systemOf = (entity: Entity) =>
  entity.kind.toLowerCase() === 'system' ? refOf(entity) : systemRefOf(entity);

/**
 * The lineage of the entity's System, or undefined when it is in none, or when no member names
 * a pipeline object (a System of services, say). Members are matched on `spec.system` in each
 * form it may be written in (`name` within the System's namespace, `ns/name`, `system:ns/name`).
 */
export function useSystemLineage(entity: Entity) {
  const catalog = useApi(catalogApiRef);
  const systemRef = systemOf(entity);
  return useAsync(async (): Promise<SystemLineage | undefined> => {
    if (!systemRef) return undefined;
    const { namespace, name } = parseEntityRef(systemRef);
    const { items } = await catalog.getEntities({
      filter: [
        { 'spec.system': name, 'metadata.namespace': namespace },
        {
          'spec.system': [
            `${namespace}/${name}`,
            `system:${namespace}/${name}`,
          ],
        },
      ],
    });
    const members = items.filter(m => systemRefOf(m) === systemRef);
    if (!members.some(hasPipelineAnnotation)) return undefined;
    const memberRefs = new Set(members.map(refOf));
    const outside = [...new Set(members.flatMap(dependsOnRefs))].filter(
      r => !memberRefs.has(r),
    );
    const others = outside.length
      ? (await catalog.getEntitiesByRefs({ entityRefs: outside })).items.filter(
          (e): e is Entity => Boolean(e),
        )
      : [];
    return { systemRef, lineage: buildLineage(members, others) };
  }, [catalog, systemRef]);
}
