import {
  parseMonitoringLinks,
  isMonitoringLinksAvailable,
} from './monitoringLinks';
import type { Entity } from '@backstage/catalog-model';
import { MONITORING_LINKS_ANNOTATION } from './annotations';

const entity = (value?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'x',
    annotations:
      value === undefined
        ? {}
        : { [MONITORING_LINKS_ANNOTATION]: value as string },
  },
});

describe('parseMonitoringLinks', () => {
  it('splits, trims and de-duplicates known ids', () => {
    expect(
      parseMonitoringLinks(entity(' flinkDashboard, trinoUi ,flinkDashboard,')),
    ).toEqual({
      ids: ['flinkDashboard', 'trinoUi'],
      unknown: [],
    });
  });

  it('reports unknown ids instead of dropping them silently', () => {
    expect(parseMonitoringLinks(entity('trinoUI, grafana')).unknown).toEqual([
      'trinoUI',
      'grafana',
    ]);
  });

  it('is unavailable without the annotation or with only unknown ids', () => {
    expect(isMonitoringLinksAvailable(entity())).toBe(false);
    expect(isMonitoringLinksAvailable(entity('nope'))).toBe(false);
    expect(isMonitoringLinksAvailable(entity('nessieUi'))).toBe(true);
  });
});
