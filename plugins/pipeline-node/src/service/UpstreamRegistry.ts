import type { Config } from '@backstage/config';
import { KafkaClient } from '../clients/kafka/KafkaClient';
import { KafkaConnectClient } from '../clients/kafka-connect/KafkaConnectClient';
import { FlinkRestClient } from '../clients/flink-rest/FlinkRestClient';
import { FlinkSqlGatewayClient } from '../clients/flink-sql-gateway/FlinkSqlGatewayClient';
import { NessieClient } from '../clients/nessie/NessieClient';
import { TrinoClient } from '../clients/trino/TrinoClient';
import { CassandraClient } from '../clients/cassandra/CassandraClient';
import { CouchDbClient } from '../clients/couchdb/CouchDbClient';

/**
 * Paimon catalog options from the structured config (config keys cannot hold dots). The S3 keys
 * are catalog options on purpose: without them Paimon falls back to Flink's own filesystem,
 * which the TaskManager shares with checkpoint storage — and under load the local stack saw that
 * shared S3 client's connection pool shut down for every job at once (2026-12-03). Paimon lists
 * catalog options in `<catalog>.sys.catalog_options`, so no user SQL may read a `sys` table:
 * planScope refuses them on the plan, for the deploy and the form's live check alike.
 */
function paimonCatalogOptions(c: Config): Record<string, string> {
  const options: Record<string, string> = {
    type: 'paimon',
    warehouse: c.getString('warehouse'),
  };
  const s3 = c.getOptionalConfig('s3');
  if (s3) {
    const set = (key: string, value: string | undefined) => {
      if (value !== undefined) options[key] = value;
    };
    set('s3.endpoint', s3.getOptionalString('endpoint'));
    set(
      's3.path.style.access',
      s3.getOptionalBoolean('pathStyleAccess')?.toString(),
    );
    set('s3.access-key', s3.getOptionalString('accessKey'));
    set('s3.secret-key', s3.getOptionalString('secretKey'));
  }
  return options;
}

/** One configured Flink cluster: its REST API, SQL Gateway and dashboard. @public */
export interface FlinkInstance {
  name: string;
  rest: FlinkRestClient;
  sqlGateway?: FlinkSqlGatewayClient;
  dashboardUrl?: string;
  /** The Paimon catalog every SQL Gateway session creates first (name + WITH options). */
  paimonCatalog?: { name: string; options: Record<string, string> };
}
/** @public */
export interface KafkaInstance {
  name: string;
  client: KafkaClient;
}
/** @public */
export interface KafkaConnectInstance {
  name: string;
  client: KafkaConnectClient;
}
/** @public */
export interface NessieInstance {
  name: string;
  client: NessieClient;
  uiUrl?: string;
}
/** @public */
export interface TrinoInstance {
  name: string;
  client: TrinoClient;
  catalog: string;
  uiUrl?: string;
}

/** A Cassandra cluster the serving sinks write to. @public */
export interface CassandraInstance {
  name: string;
  client: CassandraClient;
}
/** A server speaking CouchDB's HTTP API. @public */
export interface CouchDbInstance {
  name: string;
  client: CouchDbClient;
  uiUrl?: string;
}

/** @public */
export interface UpstreamInstances {
  flink: FlinkInstance[];
  kafka: KafkaInstance[];
  kafkaConnect: KafkaConnectInstance[];
  nessie: NessieInstance[];
  trino: TrinoInstance[];
  cassandra: CassandraInstance[];
  couchdb: CouchDbInstance[];
}

/** @public */
export type UpstreamKind = keyof UpstreamInstances;

/** An entity or a request named an instance that is not configured. @public */
export class UnknownInstanceError extends Error {
  constructor(kind: UpstreamKind, name: string | undefined, known: string[]) {
    super(
      name === undefined
        ? `no ${kind} instance is configured (dataPlatform.upstreams.${kind})`
        : `unknown ${kind} instance '${name}'; configured: ${
            known.join(', ') || 'none'
          }`,
    );
    this.name = 'UnknownInstanceError';
  }
}

/**
 * The clients of every configured upstream instance, built once from
 * `dataPlatform.upstreams` and shared by scaffolder actions and backend plugins.
 *
 * @public
 */
export class UpstreamRegistry {
  static fromConfig(config: Config): UpstreamRegistry {
    const list = (kind: UpstreamKind) =>
      config.getOptionalConfigArray(`dataPlatform.upstreams.${kind}`) ?? [];
    const timeoutMs = (c: Config) => c.getOptionalNumber('timeoutMs');
    return new UpstreamRegistry({
      flink: list('flink').map(c => ({
        name: c.getString('name'),
        rest: new FlinkRestClient({
          baseUrl: c.getString('restUrl'),
          timeoutMs: timeoutMs(c),
        }),
        sqlGateway: c.has('sqlGatewayUrl')
          ? new FlinkSqlGatewayClient({
              baseUrl: c.getString('sqlGatewayUrl'),
              timeoutMs: timeoutMs(c),
            })
          : undefined,
        dashboardUrl: c.getOptionalString('dashboardUrl'),
        paimonCatalog: c.has('paimonCatalog')
          ? {
              name: c.getString('paimonCatalog.name'),
              options: paimonCatalogOptions(c.getConfig('paimonCatalog')),
            }
          : undefined,
      })),
      kafka: list('kafka').map(c => ({
        name: c.getString('name'),
        client: new KafkaClient({
          brokers: c.getStringArray('brokers'),
          clientId: 'data-platform-portal',
          timeoutMs: timeoutMs(c),
        }),
      })),
      kafkaConnect: list('kafkaConnect').map(c => ({
        name: c.getString('name'),
        client: new KafkaConnectClient({
          baseUrl: c.getString('url'),
          timeoutMs: timeoutMs(c),
        }),
      })),
      nessie: list('nessie').map(c => ({
        name: c.getString('name'),
        client: new NessieClient({
          baseUrl: c.getString('url'),
          timeoutMs: timeoutMs(c),
        }),
        uiUrl: c.getOptionalString('uiUrl'),
      })),
      trino: list('trino').map(c => ({
        name: c.getString('name'),
        client: new TrinoClient({
          baseUrl: c.getString('url'),
          user: c.getString('user'),
          catalog: c.getString('catalog'),
          source: 'data-platform-portal',
          timeoutMs: timeoutMs(c),
        }),
        catalog: c.getString('catalog'),
        uiUrl: c.getOptionalString('uiUrl'),
      })),
      cassandra: list('cassandra').map(c => ({
        name: c.getString('name'),
        client: new CassandraClient({
          contactPoints: c.getStringArray('contactPoints'),
          localDataCenter: c.getString('localDataCenter'),
          credentials: c.has('credentials')
            ? {
                username: c.getString('credentials.username'),
                password: c.getString('credentials.password'),
              }
            : undefined,
          timeoutMs: timeoutMs(c),
        }),
      })),
      couchdb: list('couchdb').map(c => ({
        name: c.getString('name'),
        client: new CouchDbClient({
          baseUrl: c.getString('url'),
          user: c.getOptionalString('user'),
          password: c.getOptionalString('password'),
          timeoutMs: timeoutMs(c),
        }),
        uiUrl: c.getOptionalString('uiUrl'),
      })),
    });
  }

  private readonly instances: UpstreamInstances;

  /** The serving stores may be left out: a portal without serving sinks configures none. */
  constructor(
    instances: Omit<UpstreamInstances, 'cassandra' | 'couchdb'> &
      Partial<Pick<UpstreamInstances, 'cassandra' | 'couchdb'>>,
  ) {
    this.instances = { cassandra: [], couchdb: [], ...instances };
  }

  /** Every configured instance of a kind, in config order. */
  list<K extends UpstreamKind>(kind: K): UpstreamInstances[K] {
    return this.instances[kind];
  }

  /** The named instance, or the first one when no name is given. */
  get<K extends UpstreamKind>(
    kind: K,
    name?: string,
  ): UpstreamInstances[K][number] {
    const all = this.instances[kind] as Array<UpstreamInstances[K][number]>;
    const found = name === undefined ? all[0] : all.find(i => i.name === name);
    if (!found)
      throw new UnknownInstanceError(
        kind,
        name,
        all.map(i => i.name),
      );
    return found;
  }
}
