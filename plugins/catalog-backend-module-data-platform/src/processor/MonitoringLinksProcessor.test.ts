import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { MonitoringLinksProcessor } from './MonitoringLinksProcessor';

const location = { type: 'file', target: '/catalog/x.yaml' };
const logger = mockServices.logger.mock();
beforeEach(() => jest.clearAllMocks());

const config = (monitoringLinks: object, stack?: string) =>
  new ConfigReader({
    dataPlatform: {
      stack,
      stacks: { [stack ?? 'local']: { monitoringLinks } },
    },
  });

const entity = (
  annotation?: string,
  links?: Entity['metadata']['links'],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'flink-jobmanager',
    annotations: annotation
      ? { 'dataplatform.io/monitoring-links': annotation }
      : {},
    links,
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
});

const localLinks = {
  flinkDashboard: {
    title: 'Flink dashboard',
    url: 'http://localhost:8081',
    icon: 'dashboard',
  },
  trinoUi: { title: 'Trino UI', url: 'http://localhost:8085/ui/' },
};

describe('MonitoringLinksProcessor', () => {
  it('adds configured links in annotation order, typed as monitoring', async () => {
    const processor = MonitoringLinksProcessor.fromConfig(
      config(localLinks),
      logger,
    );
    const out = await processor.preProcessEntity(
      entity('trinoUi, flinkDashboard'),
      location,
    );
    expect(out.metadata.links).toEqual([
      {
        url: 'http://localhost:8085/ui/',
        title: 'Trino UI',
        icon: undefined,
        type: 'monitoring',
      },
      {
        url: 'http://localhost:8081',
        title: 'Flink dashboard',
        icon: 'dashboard',
        type: 'monitoring',
      },
    ]);
  });

  it('follows the configured stack: compose config gives compose URLs', async () => {
    const processor = MonitoringLinksProcessor.fromConfig(
      config(
        {
          flinkDashboard: {
            title: 'Flink dashboard',
            url: 'http://flink.compose:8088',
          },
        },
        'compose',
      ),
      logger,
    );
    const out = await processor.preProcessEntity(
      entity('flinkDashboard'),
      location,
    );
    expect(out.metadata.links?.map(l => l.url)).toEqual([
      'http://flink.compose:8088',
    ]);
  });

  it("does not mix another stack's links in", async () => {
    const cfg = new ConfigReader({
      dataPlatform: {
        stack: 'k8s',
        stacks: {
          local: { monitoringLinks: localLinks },
          k8s: { monitoringLinks: {} },
        },
      },
    });
    const out = await MonitoringLinksProcessor.fromConfig(
      cfg,
      logger,
    ).preProcessEntity(entity('flinkDashboard'), location);
    expect(out.metadata.links).toEqual([]);
  });

  it('keeps existing links and does not duplicate a URL', async () => {
    const processor = MonitoringLinksProcessor.fromConfig(
      config(localLinks),
      logger,
    );
    const existing = [{ url: 'http://localhost:8081', title: 'mine' }];
    const out = await processor.preProcessEntity(
      entity('flinkDashboard', existing),
      location,
    );
    expect(out.metadata.links).toEqual(existing);
  });

  it('skips ids this stack does not configure', async () => {
    const processor = MonitoringLinksProcessor.fromConfig(
      config(localLinks),
      logger,
    );
    const out = await processor.preProcessEntity(entity('sparkUi'), location);
    expect(out.metadata.links).toEqual([]);
  });

  it('warns about unknown ids but keeps the entity and its known links', async () => {
    const processor = MonitoringLinksProcessor.fromConfig(
      config(localLinks),
      logger,
    );
    const out = await processor.preProcessEntity(
      entity('trinoUI, flinkDashboard'),
      location,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('unknown link ids: trinoUI'),
    );
    expect(out.metadata.links?.map(l => l.url)).toEqual([
      'http://localhost:8081',
    ]);
  });

  it('leaves entities without the annotation untouched', async () => {
    const processor = MonitoringLinksProcessor.fromConfig(
      config(localLinks),
      logger,
    );
    const e = entity();
    expect(await processor.preProcessEntity(e, location)).toBe(e);
  });

  it('rejects a config with an unknown id or a non-http URL at startup', () => {
    expect(() =>
      MonitoringLinksProcessor.fromConfig(
        config({ grafana: { title: 'g', url: 'http://g' } }),
        logger,
      ),
    ).toThrow(/grafana is not a known/);
    expect(() =>
      MonitoringLinksProcessor.fromConfig(
        config({ trinoUi: { title: 't', url: `${'javascript'}:alert(1)` } }),
        logger,
      ),
    ).toThrow(/http\(s\) URL/);
  });
});
