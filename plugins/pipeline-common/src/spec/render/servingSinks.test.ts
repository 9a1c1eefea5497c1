import { parsePipelineSpec, PipelineSpec } from '../pipelineSpec';
import { customerSupport360Example, inventory360Example } from '../examples';
import { renderFlinkJob } from './flinkJob';
import { renderServingSinks, renderServingSinkTables } from './servingSinks';

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

const statementSet = (job: string[]) => job[job.length - 1];

describe('live serving sinks in the Flink job', () => {
  it('adds a Cassandra sink table and INSERTs the derived table SELECT again (sub-plan reuse)', () => {
    const spec = parsed(inventory360Example);
    const job = renderFlinkJob(spec);
    const ddl = job.find(s => s.includes('`serving_cassandra_1`'))!;
    expect(ddl).toBe(
      [
        'CREATE TEMPORARY TABLE IF NOT EXISTS `serving_cassandra_1` (',
        '  `sku` STRING NOT NULL,',
        '  `warehouse` STRING,',
        '  `on_hand` INT,',
        '  `reserved` INT,',
        '  `available` INT,',
        '  `open_orders` BIGINT,',
        '  `updated_at` TIMESTAMP(3),',
        '  PRIMARY KEY (`sku`) NOT ENFORCED',
        ') WITH (',
        "  'connector' = 'cassandra',",
        "  'hosts' = '127.0.0.1:9042',",
        "  'local-datacenter' = 'datacenter1',",
        "  'keyspace' = 'inventory',",
        "  'table' = 'inventory_projection'",
        ')',
      ].join('\n'),
    );
    const set = statementSet(job);
    expect(set).toMatch(/^EXECUTE STATEMENT SET BEGIN\n/);
    const derived = spec.derivedTables[0].select.trim();
    expect(set).toContain(
      `INSERT INTO \`lake\`.\`commerce\`.\`inventory_snapshot\`\n${derived};`,
    );
    expect(set).toContain(`INSERT INTO \`serving_cassandra_1\`\n${derived};`);
  });

  it('adds a CouchDB sink table without credentials in the SQL', () => {
    const job = renderFlinkJob(parsed(customerSupport360Example));
    const ddl = job.find(s => s.includes('`serving_couchdb_1`'))!;
    expect(ddl).toContain("'connector' = 'couchdb'");
    expect(ddl).toContain("'url' = 'http://127.0.0.1:5984'");
    expect(ddl).toContain("'database' = 'customer_case'");
    expect(ddl).toContain('`ordered_amount` DECIMAL(14, 2)');
    expect(ddl).toContain('PRIMARY KEY (`customer_id`) NOT ENFORCED');
    expect(ddl).not.toMatch(/password|user/i);
    expect(job.some(s => s.includes('`serving_cassandra_2`'))).toBe(true);
    expect(statementSet(job)).toContain('INSERT INTO `serving_couchdb_1`\n');
  });

  it("feeds a copy-table sink from the CDC source with the copy INSERT's SELECT", () => {
    const job = renderFlinkJob(
      parsed(inventory360Example, s => {
        s.servingSinks = [
          { kind: 'couchdb', paimonTable: 'inventory_stock', name: 'stock' },
        ];
      }),
    );
    const set = statementSet(job);
    const copy =
      /INSERT INTO `lake`\.`commerce`\.`inventory_stock`\n(SELECT[^;]*FROM `inventory_stock_cdc`);/.exec(
        set,
      );
    expect(copy).not.toBeNull();
    expect(set).toContain(`INSERT INTO \`serving_couchdb_0\`\n${copy![1]};`);
  });

  it('takes the store addresses from the render target, not the spec', () => {
    const spec = parsed(inventory360Example);
    const [part] = renderServingSinkTables(spec, {
      cassandraHosts: 'cassandra-0.cassandra:9042,cassandra-1.cassandra:9042',
      cassandraLocalDatacenter: 'dc1',
    });
    expect(part.ddl).toContain(
      "'hosts' = 'cassandra-0.cassandra:9042,cassandra-1.cassandra:9042'",
    );
    expect(part.ddl).toContain("'local-datacenter' = 'dc1'");
    expect(
      renderServingSinks(spec, { cassandraReplicationFactor: 3 })[1].cql?.[0],
    ).toContain("'replication_factor': 3");
    expect(() =>
      renderServingSinkTables(spec, { couchdbUrl: 'http://a:b@couchdb:5984' }),
    ).toThrow();
    expect(() =>
      renderServingSinkTables(spec, { cassandraHosts: "x'; DROP" }),
    ).toThrow();
  });

  it('keeps Trino and Doris sinks out of the job', () => {
    const job = renderFlinkJob(
      parsed(inventory360Example, s => {
        s.servingSinks = [
          { kind: 'trino', paimonTable: 'inventory_snapshot' },
          { kind: 'doris', paimonTable: 'inventory_snapshot' },
        ];
      }),
    );
    expect(job.join('\n')).not.toContain('serving_');
    const sinks = renderServingSinks(
      parsed(inventory360Example, s => {
        s.servingSinks = [{ kind: 'doris', paimonTable: 'inventory_snapshot' }];
      }),
    );
    expect(sinks[0].live).toBe(false);
  });

  it('quotes CQL names (keywords stay names) and keys a composite key as one partition', () => {
    const [sink] = renderServingSinks(
      parsed(inventory360Example, s => {
        s.derivedTables[0].columns.push({ name: 'order', type: 'INT' });
        s.derivedTables[0].primaryKey = ['sku', 'warehouse'];
        s.derivedTables[0].columns[1].nullable = false;
        s.servingSinks = [
          { kind: 'cassandra', paimonTable: 'inventory_snapshot' },
        ];
      }),
    );
    expect(sink.cql?.[1]).toContain('  "order" int,');
    expect(sink.cql?.[1]).toContain('PRIMARY KEY (("sku", "warehouse"))');
  });

  it('refuses names that were never validated and store-owned names', () => {
    const spec = parsed(inventory360Example);
    spec.servingSinks[1].keyspace = 'inv"; DROP KEYSPACE x; --';
    expect(() => renderServingSinks(spec)).toThrow(/sqlIdentifier/);
    expect(() => renderServingSinkTables(spec)).toThrow(/sqlIdentifier/);
    const system = parsed(inventory360Example);
    system.servingSinks[1].keyspace = 'system_schema';
    expect(() => renderServingSinks(system)).toThrow(/Cassandra's own/);
    const couch = parsed(customerSupport360Example);
    couch.servingSinks[1].name = '_users';
    expect(() => renderServingSinks(couch)).toThrow(/must start with a letter/);
    expect(() => renderServingSinkTables(couch)).toThrow(
      /must start with a letter/,
    );
  });
});
