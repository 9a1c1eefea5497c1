import { parseAllDocuments } from 'yaml';
import {
  componentEntityV1alpha1Validator,
  Entity,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import { parsePipelineSpec } from '@internal/backstage-plugin-pipeline-common';
import { specForShape, USE_CASE_SHAPES } from './shapes';
import { renderPipelineFiles } from './pipelineFiles';

const params = (shape: string) => ({
  name: `team-a-${shape}`.slice(0, 40),
  owner: 'group:default/data-platform-team',
  catalogDatabase: 'team_a',
  domain: 'teama',
  checkpointSeconds: 20,
  freshnessSeconds: 90,
});

describe('specForShape', () => {
  it('covers the five use-case shapes of the mission', () => {
    expect([...USE_CASE_SHAPES].sort()).toEqual([
      'cdc-lakehouse',
      'customer-support-360',
      'fraud-cep',
      'inventory-360',
      'stream-enrichment',
    ]);
  });

  it.each(USE_CASE_SHAPES)('%s: a valid spec owned by the pipeline', shape => {
    const p = params(shape);
    const parsed = parsePipelineSpec(specForShape(shape, p));
    if (!parsed.success) throw new Error(parsed.message);
    const spec = parsed.spec;
    expect(spec.name).toBe(p.name);
    expect(spec.flinkJob).toMatchObject({
      name: p.name,
      checkpointIntervalSeconds: 20,
    });
    expect(spec.catalog.database).toBe('team_a');
    expect(spec.nessie).toEqual({
      branch: 'teama/daily',
      tagPolicy: 'teama/daily-yyyymmdd',
    });
    expect(spec.slo.freshnessSeconds).toBe(90);
    for (const source of spec.sources) {
      expect(source.connector.name.startsWith(`${p.name}-`)).toBe(true);
      expect(source.connector.topicPrefix.startsWith(`${p.name}-`)).toBe(true);
      expect(String(source.connector.password)).toMatch(
        /^\$\{env:CDC_(MARIADB|POSTGRES)_PASSWORD\}$/,
      );
    }
    // Every CDC topic the connectors write is in the spec's topic list under the new prefix.
    const cdcTopics = spec.topics.filter(t =>
      spec.sources.some(s => t.name.startsWith(`${s.connector.topicPrefix}.`)),
    );
    expect(cdcTopics.length).toBe(
      spec.sources.reduce((n, s) => n + s.tables.length, 0),
    );
  });

  it('refuses an unknown shape by name', () => {
    expect(() => specForShape('batch-etl', params('x'))).toThrow(
      /unknown use-case shape 'batch-etl'; known: /,
    );
  });
});

describe('renderPipelineFiles for a repository', () => {
  it.each(USE_CASE_SHAPES)(
    '%s: catalog-info passes the catalog validators and docs name every table',
    async shape => {
      const parsed = parsePipelineSpec(specForShape(shape, params(shape)));
      if (!parsed.success) throw new Error(parsed.message);
      const files = renderPipelineFiles(parsed.spec, undefined, {
        system: 'system:default/orders-lakehouse',
        repoUrl: 'http://127.0.0.1:9419/data-platform/x/',
        shapeTitle: shape,
      });
      const entities = parseAllDocuments(files['catalog-info.yaml']).map(
        d => d.toJS() as Entity,
      );
      for (const entity of entities) {
        const valid =
          entity.kind === 'Component'
            ? await componentEntityV1alpha1Validator.check(entity)
            : await resourceEntityV1alpha1Validator.check(entity);
        expect(valid).toBe(true);
        expect(entity.metadata.name).toMatch(
          /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/,
        );
      }
      const job = entities.find(
        e => e.metadata.annotations?.['dataplatform.io/flink-job-name'],
      );
      expect(job?.metadata.name).toBe(parsed.spec.name);
      const tables = [
        ...parsed.spec.paimonTables,
        ...parsed.spec.derivedTables,
      ].map(t => `team_a.${t.name}`);
      expect(
        entities
          .filter(e => e.spec?.type === 'paimon-table')
          .map(e => e.metadata.title),
      ).toEqual(tables);
      for (const t of tables) expect(files['docs/index.md']).toContain(t);
      expect(Object.keys(files)).toEqual(
        expect.arrayContaining([
          'mkdocs.yml',
          'docs/data-flow.md',
          'docs/slo.md',
          'docs/runbook.md',
          'README.md',
          'rendered/kubernetes.yaml',
        ]),
      );
    },
  );
});
