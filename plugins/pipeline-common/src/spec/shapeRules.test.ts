import { parsePipelineSpec } from './pipelineSpec';
import { fraudDetectionExample, inventory360Example } from './examples';
import { externalStreamTopics } from './specQueries';

/** Errors of the fraud example (streams, derived table, Kafka sink) after `change`. */
function errorsAfter(
  change: (s: any) => void,
  example: unknown = fraudDetectionExample,
): string[] {
  const input = JSON.parse(JSON.stringify(example));
  change(input);
  const result = parsePipelineSpec(input);
  return result.success ? [] : result.errors;
}

describe('shape rules (streams, derived tables, Kafka sinks, serving sinks)', () => {
  it('the examples parse and get the defaults', () => {
    const result = parsePipelineSpec(fraudDetectionExample);
    if (!result.success) throw new Error(result.message);
    expect(result.spec.streams[0]).toMatchObject({
      format: 'json',
      startupMode: 'earliest-offset',
      timestampFormat: 'ISO-8601',
      skipMalformed: false,
      eventTime: { column: 'event_time', watermarkDelaySeconds: 5 },
    });
    expect(result.spec.derivedTables[0]).toMatchObject({
      bucket: 1,
      mergeEngine: 'deduplicate',
      changelogProducer: 'input',
      partitionKeys: [],
      trinoReadable: true,
    });
    expect(result.spec.kafkaSinks[0].deliveryGuarantee).toBe('at-least-once');
  });

  it('a spec without the new fields gets empty lists', () => {
    const { streams, derivedTables, kafkaSinks, ...rest } = JSON.parse(
      JSON.stringify(fraudDetectionExample),
    );
    const result = parsePipelineSpec({ ...rest, servingSinks: [] });
    if (!result.success) throw new Error(result.message);
    expect([
      result.spec.streams,
      result.spec.derivedTables,
      result.spec.kafkaSinks,
    ]).toEqual([[], [], []]);
  });

  it('reads a stream the pipeline does not own (an input produced elsewhere)', () => {
    const spec = structuredClone(fraudDetectionExample) as any;
    spec.streams[0].topic = 'clicks';
    const result = parsePipelineSpec(spec);
    if (!result.success) throw new Error(result.message);
    expect(externalStreamTopics(result.spec)).toEqual(['clicks']);
  });

  it.each([
    [
      'Kafka sink topic must be declared',
      (s: any) => (s.kafkaSinks[0].topic = 'alerts'),
      'kafkaSinks.0.topic: topic "alerts" is not declared in topics',
    ],
    [
      'a sink must not write a Debezium topic',
      (s: any) => (s.kafkaSinks[0].topic = 'fraud.commerce.orders'),
      'kafkaSinks.0.topic: topic "fraud.commerce.orders" is written by Debezium connector fraud-mariadb; a sink needs a topic of its own',
    ],
    [
      'a sink must not write a topic the job reads',
      (s: any) => {
        s.topics.push({ name: 'behavior' });
        s.kafkaSinks[0].topic = 'behavior';
      },
      'kafkaSinks.0.topic: topic "behavior" is read by a stream of this job; writing it would feed the job its own output',
    ],
    [
      'event-time column must exist',
      (s: any) => (s.streams[0].eventTime.column = 'ts'),
      'streams.0.eventTime.column: "ts" is not a column of stream behavior',
    ],
    [
      'event-time column must be a timestamp of precision ≤ 3',
      (s: any) => (s.streams[0].columns[5].type = 'TIMESTAMP(6)'),
      'streams.0.eventTime.column: event-time column "event_time" must be TIMESTAMP(3) or TIMESTAMP_LTZ(3) (precision at most 3), not TIMESTAMP(6)',
    ],
    [
      'event-time column must not be a string',
      (s: any) => (s.streams[0].columns[5].type = 'STRING'),
      'streams.0.eventTime.column: event-time column "event_time" must be TIMESTAMP(3) or TIMESTAMP_LTZ(3) (precision at most 3), not STRING',
    ],
    [
      'processing-time column needs its own name',
      (s: any) => (s.streams[0].processingTimeColumn = 'sku'),
      'streams.0.processingTimeColumn: "sku" is already a column of stream behavior; the processing-time column is computed and needs its own name',
    ],
    [
      'stream columns are unique',
      (s: any) => s.streams[0].columns.push({ name: 'sku', type: 'STRING' }),
      'streams.0.columns.6.name: duplicate column name "sku"',
    ],
    [
      'derived primary key must be a column',
      (s: any) => (s.derivedTables[0].primaryKey = ['customer_id', 'nope']),
      'derivedTables.0.primaryKey.1: primary key "nope" is not among the table\'s columns',
    ],
    [
      'derived partition key must be a column',
      (s: any) => (s.derivedTables[0].partitionKeys = ['nope']),
      'derivedTables.0.partitionKeys.0: partition key "nope" is not among the table\'s columns',
    ],
    [
      'derived partition key must be in the primary key',
      (s: any) => (s.derivedTables[0].partitionKeys = ['order_id']),
      'derivedTables.0.partitionKeys.0: partition key "order_id" must be part of the primary key',
    ],
    [
      'derived table needs a primary key',
      (s: any) => (s.derivedTables[0].primaryKey = []),
      'derivedTables.0.primaryKey: a derived table needs a primary key',
    ],
    [
      'derived table must not take a copy table name',
      (s: any) => {
        s.derivedTables[0].name = 'fraud_orders';
        s.servingSinks = [];
      },
      'derivedTables.0.name: "fraud_orders" is already the name of Paimon table paimonTables.0; names of tables, streams and sinks must differ',
    ],
    [
      'stream must not take a CDC source table name',
      (s: any) => (s.streams[0].name = 'fraud_orders_cdc'),
      'streams.0.name: "fraud_orders_cdc" is already the name of the CDC source table of paimonTables.0; names of tables, streams and sinks must differ',
    ],
    [
      'Kafka sink must not take a stream name',
      (s: any) => (s.kafkaSinks[0].name = 'behavior'),
      'kafkaSinks.0.name: "behavior" is already the name of stream streams.0; names of tables, streams and sinks must differ',
    ],
    [
      'two derived tables of one name',
      (s: any) => s.derivedTables.push(s.derivedTables[0]),
      'derivedTables.1.name: "fraud_signals" is already the name of derived table derivedTables.0; names of tables, streams and sinks must differ',
    ],
    [
      'serving sink may name a derived table, not an unknown one',
      (s: any) => (s.servingSinks[0].paimonTable = 'fraud_signal'),
      'servingSinks.0.paimonTable: Paimon table "fraud_signal" is not defined in paimonTables or derivedTables',
    ],
    [
      'keyspace is for Cassandra only',
      (s: any) => (s.servingSinks[0].keyspace = 'risk'),
      'servingSinks.0.keyspace: keyspace only applies to kind cassandra, not trino',
    ],
    [
      'unknown stream fields are rejected',
      (s: any) => (s.streams[0].sql = 'x'),
      'streams.0: Unrecognized key: "sql"',
    ],
    [
      'only JSON streams',
      (s: any) => (s.streams[0].format = 'avro'),
      'streams.0.format: Invalid input: expected "json"',
    ],
  ])('%s', (_, change, expected) => {
    expect(errorsAfter(change)).toEqual([expected]);
  });

  it('accepts a Cassandra keyspace and a serving sink on a derived table', () => {
    expect(errorsAfter(() => undefined, inventory360Example)).toEqual([]);
  });
});
