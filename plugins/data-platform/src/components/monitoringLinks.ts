import type { Entity, EntityLink } from '@backstage/catalog-model';
import type { ConfigApi } from '@backstage/frontend-plugin-api';
import { MONITORING_LINK_IDS } from '@internal/backstage-plugin-pipeline-common';

/**
 * The catalog module (catalog-backend-module-data-platform) turns the
 * `dataplatform.io/monitoring-links` annotation into entity links of this type.
 */
export const MONITORING_LINK_TYPE = 'monitoring';

export const monitoringLinksOf = (entity: Entity): EntityLink[] =>
  (entity.metadata.links ?? []).filter(l => l.type === MONITORING_LINK_TYPE);

/**
 * The ids an entity may name: those configured for the current stack when the frontend can see
 * them, otherwise every known id.
 */
export function availableLinkIds(config: ConfigApi): {
  stack: string;
  ids: string[];
  configured: boolean;
} {
  const stack = config.getOptionalString('dataPlatform.stack') ?? 'local';
  const section = config.getOptionalConfig(
    `dataPlatform.stacks.${stack}.monitoringLinks`,
  );
  const configured = section?.keys() ?? [];
  return configured.length > 0
    ? { stack, ids: configured, configured: true }
    : { stack, ids: [...MONITORING_LINK_IDS], configured: false };
}
