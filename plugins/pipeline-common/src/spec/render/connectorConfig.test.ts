import { addPaymentsSource, parsedExample } from '../testSupport';
import {
  renderConnectorConfig,
  serverIdFor,
  slotNameFor,
} from './connectorConfig';

describe('renderConnectorConfig', () => {
  it('renders the MariaDB connector like the verified local one, credentials as references', () => {
    const [connector] = renderConnectorConfig(parsedExample());
    expect(connector.name).toBe('finance-reconciliation-mariadb');
    expect(connector.config).toMatchObject({
      'connector.class': 'io.debezium.connector.mariadb.MariaDbConnector',
      'database.hostname': '127.0.0.1',
      'database.port': '3307',
      'database.user':
        '${file:/opt/connect/secrets/cdc.properties:mariadb.user}',
      'database.password':
        '${file:/opt/connect/secrets/cdc.properties:mariadb.password}',
      'topic.prefix': 'mariadb',
      'database.include.list': 'commerce',
      'table.include.list': 'commerce.orders',
      'decimal.handling.mode': 'string',
      'snapshot.mode': 'initial',
      'schema.history.internal.kafka.bootstrap.servers': '127.0.0.1:9092',
      'schema.history.internal.kafka.topic':
        '_schema-history.finance-reconciliation-mariadb',
    });
    expect(
      Number(connector.config['database.server.id']),
    ).toBeGreaterThanOrEqual(100000);
  });

  it('renders the PostgreSQL connector with pgoutput and a derived slot/publication', () => {
    const spec = parsedExample(addPaymentsSource);
    const pg = renderConnectorConfig(spec)[1];
    expect(pg.config).toMatchObject({
      'connector.class': 'io.debezium.connector.postgresql.PostgresConnector',
      'plugin.name': 'pgoutput',
      'database.dbname': 'commerce',
      'table.include.list': 'public.payments',
      'database.user': '${env:CDC_USER}',
      'database.password': '${secrets:cdc-credentials:postgres.password}',
      'decimal.handling.mode': 'string',
      'publication.autocreate.mode': 'filtered',
    });
    expect(pg.config['slot.name']).toMatch(
      /^dbz_finance_reconciliation_commerce_pg_[0-9a-f]{8}$/,
    );
    expect(pg.config['publication.name']).toBe(pg.config['slot.name']);
    expect(pg.config).not.toHaveProperty('database.server.id');
  });

  it('derives ids deterministically and differently per pipeline', () => {
    const a = parsedExample(addPaymentsSource);
    const b = parsedExample(s => {
      addPaymentsSource(s);
      s.name = 'finance-reconciliation-2';
    });
    expect(serverIdFor(a, a.sources[0])).toBe(
      serverIdFor(parsedExample(), parsedExample().sources[0]),
    );
    expect(serverIdFor(a, a.sources[0])).not.toBe(serverIdFor(b, b.sources[0]));
    expect(slotNameFor(a, a.sources[1])).not.toBe(slotNameFor(b, b.sources[1]));
    expect(slotNameFor(a, a.sources[1]).length).toBeLessThanOrEqual(63);
  });

  it('uses the target bootstrap servers', () => {
    const [c] = renderConnectorConfig(parsedExample(), {
      kafkaBootstrapServers: 'kafka-0:9092,kafka-1:9092',
    });
    expect(c.config['schema.history.internal.kafka.bootstrap.servers']).toBe(
      'kafka-0:9092,kafka-1:9092',
    );
    expect(() =>
      renderConnectorConfig(parsedExample(), {
        kafkaBootstrapServers: "x:1' , 'a'='b",
      }),
    ).toThrow();
  });
});
