import { ConfigReader } from '@backstage/config';
import { CassandraClient } from '../clients/cassandra/CassandraClient';
import { CouchDbClient } from '../clients/couchdb/CouchDbClient';
import { UnknownInstanceError, UpstreamRegistry } from './UpstreamRegistry';

const config = new ConfigReader({
  dataPlatform: {
    upstreams: {
      flink: [
        {
          name: 'local',
          restUrl: 'http://127.0.0.1:8081',
          sqlGatewayUrl: 'http://127.0.0.1:8090',
        },
        {
          name: 'batch',
          restUrl: 'http://10.0.0.2:8081',
          dashboardUrl: 'http://flink.example',
        },
      ],
      trino: [
        {
          name: 'local',
          url: 'http://127.0.0.1:8085',
          user: 'portal',
          catalog: 'lakehouse',
        },
      ],
    },
  },
});

describe('UpstreamRegistry', () => {
  const registry = UpstreamRegistry.fromConfig(config);

  it('builds one client set per configured instance, the first being the default', () => {
    expect(registry.list('flink').map(f => f.name)).toEqual(['local', 'batch']);
    expect(registry.get('flink').name).toBe('local');
    expect(registry.get('flink').sqlGateway).toBeDefined();
    expect(registry.get('flink', 'batch').sqlGateway).toBeUndefined();
    expect(registry.get('flink', 'batch').dashboardUrl).toBe(
      'http://flink.example',
    );
    expect(registry.get('trino').catalog).toBe('lakehouse');
  });

  it('names the known instances when asked for an unknown one', () => {
    expect(() => registry.get('flink', 'prod')).toThrow(
      "unknown flink instance 'prod'; configured: local, batch",
    );
    expect(() => registry.get('nessie')).toThrow(UnknownInstanceError);
    expect(() => registry.get('nessie')).toThrow(
      'dataPlatform.upstreams.nessie',
    );
  });

  it('builds the serving stores from config, with or without credentials', () => {
    const stores = UpstreamRegistry.fromConfig(
      new ConfigReader({
        dataPlatform: {
          upstreams: {
            cassandra: [
              {
                name: 'local',
                contactPoints: ['127.0.0.1:9042'],
                localDataCenter: 'datacenter1',
              },
              {
                name: 'prod',
                contactPoints: ['cassandra:9042'],
                localDataCenter: 'dc1',
                credentials: { username: 'portal', password: 'p' },
              },
            ],
            couchdb: [
              {
                name: 'local',
                url: 'http://127.0.0.1:5984',
                user: 'admin',
                password: 'p',
                uiUrl: 'http://localhost:5984/_utils/',
              },
            ],
          },
        },
      }),
    );
    expect(stores.list('cassandra').map(c => c.name)).toEqual([
      'local',
      'prod',
    ]);
    expect(stores.get('cassandra', 'prod').client).toBeInstanceOf(
      CassandraClient,
    );
    expect(stores.get('couchdb').client).toBeInstanceOf(CouchDbClient);
    expect(stores.get('couchdb').uiUrl).toBe('http://localhost:5984/_utils/');
    // A registry built without them (tests, portals without serving sinks) has none.
    expect(registry.list('cassandra')).toEqual([]);
    expect(() => registry.get('couchdb')).toThrow(
      'no couchdb instance is configured (dataPlatform.upstreams.couchdb)',
    );
  });
});
