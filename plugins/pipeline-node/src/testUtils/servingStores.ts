import { CassandraClient } from '../clients/cassandra/CassandraClient';
import { CouchDbClient } from '../clients/couchdb/CouchDbClient';
import { endpoints, requireStack, stackSecrets } from './stack';

// The local stack's serving stores (infra/local: cassandra, couchdb), as clients and config.
export const servingEndpoints = {
  cassandra: endpoints.cassandra.split(','),
  cassandraDataCenter: process.env.CASSANDRA_DC ?? 'datacenter1',
  couchdb: endpoints.couchdb,
};

/** The CouchDB admin, from env or the stack's secrets (stack.env). */
export function couchDbCredentials(): { user: string; password: string } {
  const secrets = stackSecrets();
  const user = process.env.COUCHDB_USER ?? secrets.COUCHDB_USER;
  const password = process.env.COUCHDB_PASSWORD ?? secrets.COUCHDB_PASSWORD;
  if (!user || !password)
    throw new Error(
      'COUCHDB_USER/COUCHDB_PASSWORD are neither set nor in the stack secrets; has the couchdb component been started?',
    );
  return { user, password };
}

export const servingUpstreamsConfig = () => ({
  cassandra: [
    {
      name: 'local',
      contactPoints: servingEndpoints.cassandra,
      localDataCenter: servingEndpoints.cassandraDataCenter,
    },
  ],
  couchdb: [
    { name: 'local', url: servingEndpoints.couchdb, ...couchDbCredentials() },
  ],
});

export const testCassandra = () =>
  new CassandraClient({
    contactPoints: servingEndpoints.cassandra,
    localDataCenter: servingEndpoints.cassandraDataCenter,
    timeoutMs: 30_000,
  });

export const testCouchDb = () =>
  new CouchDbClient({
    baseUrl: servingEndpoints.couchdb,
    ...couchDbCredentials(),
    timeoutMs: 10_000,
  });

/** Fails (never skips) naming the store that is not reachable. */
export const requireServingStores = () => requireStack('cassandra', 'couchdb');
