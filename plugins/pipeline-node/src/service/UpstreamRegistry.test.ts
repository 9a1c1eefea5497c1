import { ConfigReader } from '@backstage/config';
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
});
