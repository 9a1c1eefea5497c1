/**
 * One typed client per upstream of the streaming platform: Kafka, Kafka Connect,
 * Flink REST, Flink SQL Gateway, Nessie, Trino, and the serving stores Cassandra and CouchDB. Shared by scaffolder actions and
 * backend plugins.
 *
 * @packageDocumentation
 */

export * from './lib/errors';
export type { CallOptions, HttpClientOptions } from './lib/http';
export * from './clients/kafka/KafkaClient';
export * from './clients/kafka-connect/KafkaConnectClient';
export * from './clients/flink-rest/FlinkRestClient';
export * from './clients/flink-sql-gateway/FlinkSqlGatewayClient';
export * from './clients/nessie/NessieClient';
export * from './clients/trino/TrinoClient';
export * from './clients/cassandra/CassandraClient';
export type { KeyInput } from './clients/cassandra/cqlValues';
export * from './clients/couchdb/CouchDbClient';
export * from './clients/git-server/GitServerClient';
export * from './service/inputScopeConfig';
export * from './service/UpstreamRegistry';
export * from './service/CoalescingCache';
export * from './service/entityAccess';
export * from './service/lakeSession';
export * from './deploy';
