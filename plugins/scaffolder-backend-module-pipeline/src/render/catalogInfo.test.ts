import { parseAllDocuments } from 'yaml';
import {
  Entity,
  resourceEntityV1alpha1Validator,
} from '@backstage/catalog-model';
import {
  customerSupport360Example,
  financeReconciliationExample,
  getServingSinks,
  parsePipelineSpec,
  PipelineSpecInput,
} from '@internal/backstage-plugin-pipeline-common';
import { renderCatalogInfo } from './catalogInfo';

const entitiesOf = (input: PipelineSpecInput) => {
  const parsed = parsePipelineSpec(input);
  if (!parsed.success) throw new Error(parsed.message);
  return parseAllDocuments(
    renderCatalogInfo(parsed.spec, { system: 'system:default/cs' }),
  ).map(d => d.toJS() as Entity);
};

describe('renderCatalogInfo: serving targets', () => {
  it('names every Cassandra/CouchDB target on the job and gives each a Resource after the job', async () => {
    const entities = entitiesOf(customerSupport360Example);
    const job = entities.find(
      e => e.kind === 'Component' && e.metadata.name === 'customer-support-360',
    )!;
    expect(getServingSinks(job).map(t => t.id)).toEqual([
      'couchdb:customer_case',
      'cassandra:support.customer_case_cache',
    ]);
    const serving = entities.filter(e => e.metadata.tags?.includes('serving'));
    expect(
      serving.map(e => [
        e.metadata.name,
        e.spec?.type,
        getServingSinks(e).map(t => t.id),
      ]),
    ).toEqual([
      ['couchdb.customer_case', 'couchdb-database', ['couchdb:customer_case']],
      [
        'cassandra.support.customer_case_cache',
        'cassandra-table',
        ['cassandra:support.customer_case_cache'],
      ],
    ]);
    for (const e of serving) {
      expect(await resourceEntityV1alpha1Validator.check(e)).toBe(true);
      expect(e.spec).toMatchObject({
        owner: 'group:default/support-team',
        system: 'system:default/cs',
        dependsOn: ['component:customer-support-360'],
      });
    }
  });

  it('writes no serving annotation for a pipeline served by Trino only', () => {
    const entities = entitiesOf(financeReconciliationExample);
    expect(entities.some(e => getServingSinks(e).length > 0)).toBe(false);
    expect(entities.some(e => e.metadata.tags?.includes('serving'))).toBe(
      false,
    );
  });
});
