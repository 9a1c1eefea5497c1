import { parsePipelineSpec, PipelineSpec } from '../pipelineSpec';
import {
  customerSupport360Example,
  fraudDetectionExample,
  inventory360Example,
  marketingPersonalizationExample,
} from '../examples';
import { parsedExample } from '../testSupport';
import { renderFlinkJob } from './flinkJob';
import { renderPaimonDdl } from './paimonDdl';
import { renderServingSinks } from './servingSinks';

function parsed(
  example: unknown,
  change: (s: any) => void = () => {},
): PipelineSpec {
  const input = JSON.parse(JSON.stringify(example));
  change(input);
  const result = parsePipelineSpec(input);
  if (!result.success) throw new Error(result.message);
  return result.spec;
}

describe('renderPaimonDdl with derived tables', () => {
  it('creates copy tables, then derived tables typed by their columns', () => {
    const ddl = renderPaimonDdl(parsed(fraudDetectionExample));
    const tables = ddl
      .filter(s => s.startsWith('CREATE TABLE'))
      .map(s => /`commerce`\.`(\w+)`/.exec(s)![1]);
    expect(tables).toEqual(['fraud_orders', 'fraud_payments', 'fraud_signals']);
    const signals = ddl.find(
      s => s.startsWith('CREATE TABLE') && s.includes('fraud_signals'),
    )!;
    expect(signals).toContain('`customer_id` INT NOT NULL,');
    expect(signals).toContain('`first_failure_at` TIMESTAMP(3) NOT NULL,');
    expect(signals).toContain('`order_amount` DECIMAL(12, 2),');
    expect(signals).toContain(
      'PRIMARY KEY (`customer_id`, `first_failure_at`) NOT ENFORCED',
    );
    expect(signals).toContain("'metadata.iceberg.storage' = 'table-location'");
    expect(ddl).toContain(
      "ALTER TABLE `lake`.`commerce`.`fraud_signals` SET ('full-compaction.delta-commits' = '1')",
    );
  });

  it('keeps primary-key columns NOT NULL and honours the storage options', () => {
    const ddl = renderPaimonDdl(
      parsed(customerSupport360Example, s => {
        s.derivedTables[0].columns[0].nullable = true;
        s.derivedTables[0].mergeEngine = 'partial-update';
        s.derivedTables[0].trinoReadable = false;
      }),
    );
    const table = ddl.find(s => s.includes('`customer_case`'))!;
    expect(table).toContain('`customer_id` INT NOT NULL');
    expect(table).toContain("'merge-engine' = 'partial-update'");
    expect(table).not.toContain('metadata.iceberg');
    expect(
      ddl.some(s => s.startsWith('ALTER') && s.includes('customer_case')),
    ).toBe(false);
  });
});

describe('renderFlinkJob with streams, derived tables and Kafka sinks', () => {
  const statements = renderFlinkJob(parsed(fraudDetectionExample));

  it('switches to the spec database before the temporary tables, for authored SELECTs', () => {
    expect(statements[4]).toBe('USE `lake`.`commerce`');
    expect(statements.findIndex(s => s.startsWith('CREATE TEMPORARY'))).toBe(5);
  });

  it('renders the stream with its processing-time column and watermark', () => {
    const stream = statements.find(s =>
      s.includes('TABLE IF NOT EXISTS `behavior`'),
    )!;
    expect(stream).toContain('`event_type` STRING NOT NULL,');
    expect(stream).toContain('`session_id` STRING,');
    expect(stream).toContain('`proc_time` AS PROCTIME(),');
    expect(stream).toContain(
      "WATERMARK FOR `event_time` AS `event_time` - INTERVAL '5' SECOND\n)",
    );
    for (const option of [
      "'topic' = 'behavior'",
      "'format' = 'json'",
      "'properties.group.id' = 'flink-fraud-detection-cep-behavior'",
      "'scan.startup.mode' = 'earliest-offset'",
      "'json.timestamp-format.standard' = 'ISO-8601'",
      "'json.ignore-parse-errors' = 'false'",
    ])
      expect(stream).toContain(option);
  });

  it('renders the Kafka sink as an append-only JSON table', () => {
    const sink = statements.find(s =>
      s.includes('TABLE IF NOT EXISTS `fraud_alerts`'),
    )!;
    expect(sink).toContain("'topic' = 'fraud_alerts'");
    expect(sink).toContain("'sink.delivery-guarantee' = 'at-least-once'");
    expect(sink).not.toContain('transactional-id-prefix');
    expect(sink).not.toContain('PROCTIME');
  });

  it('writes every sink from ONE statement set: copies, derived tables, Kafka sinks', () => {
    const set = statements[statements.length - 1];
    expect(set.startsWith('EXECUTE STATEMENT SET BEGIN\n')).toBe(true);
    expect(set.endsWith(';\nEND')).toBe(true);
    const targets = [...set.matchAll(/^INSERT INTO (\S+)/gm)].map(m => m[1]);
    expect(targets).toEqual([
      '`lake`.`commerce`.`fraud_orders`',
      '`lake`.`commerce`.`fraud_payments`',
      '`lake`.`commerce`.`fraud_signals`',
      '`fraud_alerts`',
    ]);
    expect(set).toContain('MATCH_RECOGNIZE (');
    expect(set).toContain('FOR SYSTEM_TIME AS OF m.matched_at');
  });

  it('renders stream and sink options', () => {
    const job = renderFlinkJob(
      parsed(fraudDetectionExample, s => {
        s.streams[0].startupMode = 'group-offsets';
        s.streams[0].skipMalformed = true;
        s.streams[0].timestampFormat = 'SQL';
        delete s.streams[0].eventTime;
        s.kafkaSinks[0].deliveryGuarantee = 'exactly-once';
      }),
      { kafkaBootstrapServers: 'kafka-0:9092' },
    ).join('\n');
    expect(job).toContain("'properties.auto.offset.reset' = 'earliest'");
    expect(job).toContain("'json.ignore-parse-errors' = 'true'");
    expect(job).toContain("'json.timestamp-format.standard' = 'SQL'");
    expect(job).not.toContain('WATERMARK');
    expect(job).toContain(
      "'sink.transactional-id-prefix' = 'fraud-detection-cep-fraud_alerts'",
    );
    expect(job).not.toContain('127.0.0.1:9092');
  });

  it('leaves a copy-only spec as it was: no USE, one INSERT', () => {
    const job = renderFlinkJob(parsedExample());
    expect(job.some(s => s.startsWith('USE'))).toBe(false);
    expect(job[job.length - 1].startsWith('INSERT INTO')).toBe(true);
  });

  it('uses the target catalog for USE and derived INSERTs', () => {
    const job = renderFlinkJob(parsed(marketingPersonalizationExample), {
      paimonCatalog: 'paimon',
    });
    expect(job).toContain('USE `paimon`.`commerce`');
    expect(job[job.length - 1]).toContain(
      'INSERT INTO `paimon`.`commerce`.`marketing_segments`\nSELECT b.customer_id,',
    );
  });

  it('refuses stream and sink names that were never validated', () => {
    const spec = parsed(inventory360Example);
    spec.streams[0].name = 'x` (a INT) WITH (); DROP TABLE y; --';
    expect(() => renderFlinkJob(spec)).toThrow(/quoteIdent: sqlIdentifier/);
  });
});

describe('renderServingSinks', () => {
  it('renders live Trino, Cassandra and CouchDB sinks with what the deploy creates', () => {
    const sinks = renderServingSinks(parsed(customerSupport360Example));
    expect(sinks.map(s => [s.kind, s.target, s.live])).toEqual([
      ['trino', 'lakehouse.commerce.customer_case', true],
      ['couchdb', 'customer_case', true],
      ['cassandra', 'support.customer_case_cache', true],
    ]);
    const cassandra = sinks[2];
    expect(cassandra.note).toMatch(/^Live: the Flink job upserts/);
    expect(cassandra.key).toEqual(['customer_id']);
    expect(cassandra.cql).toEqual([
      `CREATE KEYSPACE IF NOT EXISTS "support" WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}`,
      'CREATE TABLE IF NOT EXISTS "support"."customer_case_cache" (\n  "customer_id" int,\n  "open_tickets" int,\n  "total_tickets" bigint,\n  "last_ticket_at" timestamp,\n  "orders" bigint,\n  "ordered_amount" decimal,\n  "captured_amount" decimal,\n  PRIMARY KEY ("customer_id")\n)',
    ]);
    expect(sinks[1].database).toBe('customer_case');
    expect(sinks[1].designDocument).toEqual({
      _id: '_design/customer_case',
      language: 'javascript',
      views: {
        customer_case: {
          map: 'function (doc) { if (doc.customer_id !== undefined) emit(doc.customer_id, null); }',
        },
      },
    });
    expect(sinks[1].cql).toBeUndefined();
    expect(sinks[0].designDocument).toBeUndefined();
  });

  it('types serving sinks of copy tables from the source and defaults the keyspace', () => {
    const [sink] = renderServingSinks(
      parsed(inventory360Example, s => {
        s.servingSinks = [
          { kind: 'cassandra', paimonTable: 'inventory_stock' },
        ];
      }),
    );
    expect(sink.target).toBe('commerce.inventory_stock');
    expect(sink.columns).toContainEqual({ name: 'quantity', flinkType: 'INT' });
    expect(sink.cql?.[1]).toContain('PRIMARY KEY ("sku")');
  });
});
