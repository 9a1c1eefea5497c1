import type { Entity } from '@backstage/catalog-model';
import { MONITORING_LINKS_ANNOTATION } from './annotations';

/**
 * The closed set of monitoring consoles an entity can point at. Their URLs come from
 * app-config (`dataPlatform.monitoring.links.<id>`), so one catalog serves the local
 * stack, compose and Kubernetes alike.
 */
export const MONITORING_LINK_IDS = [
  'flinkDashboard',
  'flinkSqlGateway',
  'kafkaConnect',
  'kafkaUi',
  'nessieUi',
  'nessieApi',
  'trinoUi',
  'minioConsole',
  'dorisUi',
  'sparkUi',
  'couchdbUi',
  'cassandraMetrics',
  'portalDocs',
] as const;

export type MonitoringLinkId = (typeof MONITORING_LINK_IDS)[number];

export interface MonitoringLinkTarget {
  title: string;
  url: string;
  icon?: string;
}

export function isMonitoringLinkId(id: string): id is MonitoringLinkId {
  return (MONITORING_LINK_IDS as readonly string[]).includes(id);
}

export interface ParsedMonitoringLinks {
  ids: MonitoringLinkId[];
  /** Ids outside MONITORING_LINK_IDS, most likely typos. */
  unknown: string[];
}

/** Reads the annotation's comma-separated ids; empty parts are ignored, duplicates dropped. */
export function parseMonitoringLinks(entity: Entity): ParsedMonitoringLinks {
  const raw = entity.metadata.annotations?.[MONITORING_LINKS_ANNOTATION] ?? '';
  const parts = [
    ...new Set(
      raw
        .split(',')
        .map(p => p.trim())
        .filter(Boolean),
    ),
  ];
  return {
    ids: parts.filter(isMonitoringLinkId),
    unknown: parts.filter(p => !isMonitoringLinkId(p)),
  };
}

export const isMonitoringLinksAvailable = (entity: Entity) =>
  parseMonitoringLinks(entity).ids.length > 0;
