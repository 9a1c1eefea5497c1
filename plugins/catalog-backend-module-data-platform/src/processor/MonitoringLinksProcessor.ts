import { Config } from '@backstage/config';
import { Entity, EntityLink } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogProcessor, LocationSpec } from '@backstage/plugin-catalog-node';
import {
  MONITORING_LINKS_ANNOTATION,
  MONITORING_LINK_IDS,
  MonitoringLinkId,
  MonitoringLinkTarget,
  parseMonitoringLinks,
} from '@internal/backstage-plugin-pipeline-common';

/** Which stack the portal points at, and where that stack's consoles live. */
export function readMonitoringLinksConfig(config: Config) {
  const stack = config.getOptionalString('dataPlatform.stack') ?? 'local';
  const key = `dataPlatform.stacks.${stack}.monitoringLinks`;
  return { stack, key, section: config.getOptionalConfig(key) };
}

/**
 * Turns `dataplatform.io/monitoring-links: flinkDashboard, trinoUi` into entity links whose
 * URLs come from app-config, so the catalog points at whichever stack is configured.
 */
export class MonitoringLinksProcessor implements CatalogProcessor {
  static fromConfig(
    config: Config,
    logger: LoggerService,
  ): MonitoringLinksProcessor {
    const { key, section } = readMonitoringLinksConfig(config);
    const targets = new Map<MonitoringLinkId, MonitoringLinkTarget>();
    for (const id of section?.keys() ?? []) {
      if (!(MONITORING_LINK_IDS as readonly string[]).includes(id)) {
        throw new Error(
          `${key}.${id} is not a known monitoring link id; known: ${MONITORING_LINK_IDS.join(
            ', ',
          )}`,
        );
      }
      const link = section!.getConfig(id);
      const url = link.getString('url');
      if (!/^https?:\/\//.test(url)) {
        throw new Error(
          `${key}.${id}.url must be an http(s) URL, got '${url}'`,
        );
      }
      targets.set(id as MonitoringLinkId, {
        url,
        title: link.getString('title'),
        icon: link.getOptionalString('icon'),
      });
    }
    return new MonitoringLinksProcessor(targets, logger);
  }

  constructor(
    private readonly targets: ReadonlyMap<
      MonitoringLinkId,
      MonitoringLinkTarget
    >,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'MonitoringLinksProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
  ): Promise<Entity> {
    const { ids, unknown } = parseMonitoringLinks(entity);
    if (unknown.length > 0) {
      // A warning, not a processing error: an error would keep the whole entity out of the catalog.
      this.logger.warn(
        `${MONITORING_LINKS_ANNOTATION} on ${entity.kind}:${
          entity.metadata.name
        } in ${location.target} names unknown link ids: ${unknown.join(', ')}`,
      );
    }
    if (ids.length === 0) return entity;

    const links: EntityLink[] = [...(entity.metadata.links ?? [])];
    for (const id of ids) {
      const target = this.targets.get(id);
      if (!target) {
        // Not every stack runs every console (no Spark UI locally); skip rather than link nowhere.
        this.logger.debug(
          `monitoring link ${id} is not configured; not added to ${entity.metadata.name}`,
        );
        continue;
      }
      if (links.some(l => l.url === target.url)) continue;
      links.push({
        url: target.url,
        title: target.title,
        icon: target.icon,
        type: 'monitoring',
      });
    }
    return { ...entity, metadata: { ...entity.metadata, links } };
  }
}
