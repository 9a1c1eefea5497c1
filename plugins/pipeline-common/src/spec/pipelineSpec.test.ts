import { parsePipelineSpec } from './pipelineSpec';
import { nessieTagFor } from './specQueries';
import { errorsAfter, exampleInput, parsedExample } from './testSupport';

describe('pipelineSpecSchema', () => {
  it('parses the finance reconciliation example and applies the defaults', () => {
    const spec = parsedExample();
    expect(spec.apiVersion).toBe('dataplatform.io/v1alpha1');
    expect(spec.flinkJob).toEqual({
      name: 'finance-reconciliation-to-paimon',
      checkpointIntervalSeconds: 30,
      parallelism: 1,
    });
    expect(spec.slo.freshnessSeconds).toBe(120);
    expect(spec.topics[0]).toEqual({
      name: 'mariadb.commerce.orders',
      partitions: 3,
      replicationFactor: 1,
      retentionMs: 604800000,
      cleanupPolicy: 'delete',
    });
    expect(spec.paimonTables[0]).toMatchObject({
      bucket: 1,
      changelogProducer: 'input',
      mergeEngine: 'deduplicate',
      partitionKeys: [],
      trinoReadable: true,
      typeMapping: ['char-to-string', 'tinyint1-not-bool'],
    });
    expect(spec.sources[0].connector.snapshotMode).toBe('initial');
    expect(spec.sources[0].tables[0].columns[0]).toEqual({
      name: 'id',
      type: 'BIGINT',
      nullable: false,
    });
  });

  it('derives the daily Nessie tag from the tag policy', () => {
    expect(
      nessieTagFor(parsedExample(), new Date('2026-11-24T07:00:00Z')),
    ).toBe('finance/daily-20261124');
  });

  it('reports every problem as a "path: message" line', () => {
    const result = parsePipelineSpec({ name: 'x' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors).toContain(
      'owner: Invalid input: expected string, received undefined',
    );
    expect(result.message.split('\n')).toEqual(result.errors);
    for (const line of result.errors) expect(line).toMatch(/^[\w.]+: /);
  });

  it('rejects unknown fields instead of ignoring them', () => {
    expect(errorsAfter(s => (s.flinkJob.sql = 'DROP TABLE x'))).toEqual([
      'flinkJob: Unrecognized key: "sql"',
    ]);
  });

  it('rejects unknown type-mapping options', () => {
    expect(
      errorsAfter(
        s =>
          (s.paimonTables[0].typeMapping = ['char-to-string', 'to-anything']),
      ).join(),
    ).toMatch(/^paimonTables\.0\.typeMapping\.1: /);
  });
});

describe('cross-field rules', () => {
  it.each([
    [
      'source primary key must be a column',
      (s: any) => (s.sources[0].tables[0].primaryKey = ['nope']),
      'sources.0.tables.0.primaryKey.0: primary key "nope" is not a column of orders',
    ],
    [
      'Paimon primary key must be among its columns',
      (s: any) => (s.paimonTables[0].primaryKey = ['status', 'nope']),
      'paimonTables.0.primaryKey.1: primary key "nope" is not among the table\'s columns',
    ],
    [
      'default primary key must survive a column subset',
      (s: any) => (s.paimonTables[0].columns = ['status']),
      'paimonTables.0.columns: columns leave out the source table\'s primary key "id"',
    ],
    [
      'Paimon columns must exist in the source table',
      (s: any) => (s.paimonTables[0].columns = ['id', 'nope']),
      'paimonTables.0.columns.1: "nope" is not a column of source table orders',
    ],
    [
      'partition keys must be columns',
      (s: any) => (s.paimonTables[0].partitionKeys = ['nope']),
      'paimonTables.0.partitionKeys.0: partition key "nope" is not among the table\'s columns',
    ],
    [
      'partition keys must be in the primary key',
      (s: any) => (s.paimonTables[0].partitionKeys = ['currency']),
      'paimonTables.0.partitionKeys.0: partition key "currency" must be part of the primary key',
    ],
    [
      'the source table must exist',
      (s: any) => (s.paimonTables[0].from.table = 'invoices'),
      'paimonTables.0.from: source table commerce_mariadb.invoices does not exist in sources',
    ],
    [
      'the source must exist',
      (s: any) => (s.paimonTables[0].from.source = 'other'),
      'paimonTables.0.from: source table other.orders does not exist in sources',
    ],
    [
      'every captured table needs its topic',
      (s: any) => (s.topics[0].name = 'orders'),
      'topics: missing topic "mariadb.commerce.orders" for source table commerce_mariadb.orders',
    ],
    [
      'serving sinks must name a Paimon table',
      (s: any) => (s.servingSinks[0].paimonTable = 'nope'),
      'servingSinks.0.paimonTable: Paimon table "nope" is not defined in paimonTables or derivedTables',
    ],
    [
      'tag policy needs yyyymmdd',
      (s: any) => (s.nessie.tagPolicy = 'finance/daily'),
      'nessie.tagPolicy: tag policy must contain "yyyymmdd" exactly once, e.g. finance/daily-yyyymmdd',
    ],
    [
      'tag policy must yield a valid ref',
      (s: any) => (s.nessie.tagPolicy = 'finance/../daily-yyyymmdd'),
      'nessie.tagPolicy: nessieRef: must not contain ".."',
    ],
    [
      'freshness SLO cannot beat the checkpoint interval',
      (s: any) => (s.slo = { freshnessSeconds: 10 }),
      'slo.freshnessSeconds: freshness SLO 10s is below the checkpoint interval 30s',
    ],
    [
      'column types must be mappable',
      (s: any) => (s.sources[0].tables[0].columns[2].type = 'geometry'),
      'sources.0.tables.0.columns.2.type: unsupported mysql column type "geometry"',
    ],
    [
      'duplicate columns',
      (s: any) =>
        s.sources[0].tables[0].columns.push({ name: 'id', type: 'INT' }),
      'sources.0.tables.0.columns: duplicate column name "id"',
    ],
    [
      'duplicate Paimon tables',
      (s: any) => s.paimonTables.push(s.paimonTables[0]),
      'paimonTables: duplicate Paimon table "finance_fact"',
    ],
  ])('%s', (_, change, expected) => {
    expect(errorsAfter(change)).toEqual([expected]);
  });
});

describe('connector credentials', () => {
  it.each([
    '${file:/etc/secrets/cdc.properties:password}',
    '${env:CDC_PASSWORD}',
    { secret: 'cdc-credentials', key: 'password' },
  ])('accepts the reference %j', ref => {
    expect(errorsAfter(s => (s.sources[0].connector.password = ref))).toEqual(
      [],
    );
  });

  it.each([
    ['hunter2', /inline credentials are not allowed/],
    ['${file:relative/path:key}', /inline credentials are not allowed/],
    ['${file:/etc/../var/lib/secret:key}', /must not contain "\.\." segments/],
    ['${env:lower}', /inline credentials are not allowed/],
    ['prefix ${env:CDC_PASSWORD}', /inline credentials are not allowed/],
  ])('rejects %j at the password field', (value, message) => {
    const errors = errorsAfter(s => (s.sources[0].connector.password = value));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^sources\.0\.connector\.password: credentialReference: /,
    );
    expect(errors[0]).toMatch(message);
  });

  it('does not echo a rejected literal password in the error', () => {
    const input = exampleInput();
    input.sources[0].connector.user = 'S3cr3t-Pa55';
    const result = parsePipelineSpec(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result)).not.toContain('S3cr3t-Pa55');
  });
});
