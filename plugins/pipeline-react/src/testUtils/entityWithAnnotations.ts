import type { Entity } from '@backstage/catalog-model';

/**
 * A catalog entity with the given annotations: by default the component
 * `component:default/orders-job`; kind, name and spec can be changed.
 */
export function entityWithAnnotations(
  annotations: Record<string, string> = {},
  entity: { kind?: string; name?: string; spec?: Entity['spec'] } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: entity.kind ?? 'Component',
    metadata: {
      name: entity.name ?? 'orders-job',
      namespace: 'default',
      annotations,
    },
    spec: entity.spec ?? {
      type: 'service',
      owner: 'data-platform-team',
      lifecycle: 'production',
    },
  };
}
