import { credentialPlaceholder } from '../credentials';
import type { PipelineSource, PipelineSpec } from '../pipelineSpec';
import { RenderTargetInput, resolveTarget } from './sqlText';

export interface RenderedConnector {
  name: string;
  config: Record<string, string>;
}

/** FNV-1a 32-bit: stable across runs and machines, so re-rendering never changes ids. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * MariaDB `database.server.id` must differ from every other replica of the server
 * (the DB itself is 101, the seed connector 5401): derive it from pipeline + source
 * name into 100000..999999999, far from hand-picked small ids.
 */
export const serverIdFor = (spec: PipelineSpec, source: PipelineSource) =>
  100000 + (fnv1a(`${spec.name}/${source.name}`) % 999_900_000);

/**
 * PostgreSQL replication slot / publication name: `[a-z0-9_]`, ≤ 63 chars. The hash keeps
 * names unique even when two pipeline names sanitise to the same prefix.
 */
export function slotNameFor(
  spec: PipelineSpec,
  source: PipelineSource,
): string {
  const readable = `${spec.name}_${source.name}`
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 45);
  return `dbz_${readable}_${fnv1a(`${spec.name}/${source.name}`)
    .toString(16)
    .padStart(8, '0')}`;
}

function tableIncludeList(source: PipelineSource): string {
  const namespace =
    source.kind === 'postgres' ? source.schema : source.database;
  // Debezium reads these as regexes; validated identifiers hold no regex metacharacters
  // and the unescaped form is what the verified local connector uses.
  return source.tables.map(t => `${namespace}.${t.name}`).join(',');
}

export function renderConnectorConfig(
  spec: PipelineSpec,
  target?: RenderTargetInput,
): RenderedConnector[] {
  const { kafkaBootstrapServers, databaseSslMode } = resolveTarget(target);
  return spec.sources.map(source => {
    const common: Record<string, string> = {
      'tasks.max': '1',
      'database.hostname': source.host,
      'database.port': String(source.port),
      // Placeholders only: Connect resolves them through its config providers at runtime.
      'database.user': credentialPlaceholder(source.connector.user),
      'database.password': credentialPlaceholder(source.connector.password),
      'topic.prefix': source.connector.topicPrefix,
      'table.include.list': tableIncludeList(source),
      // Flink's debezium-json reads decimals as strings and CASTs them (see renderFlinkJob).
      'decimal.handling.mode': 'string',
      'snapshot.mode': source.connector.snapshotMode,
    };
    if (source.kind === 'postgres') {
      const slot = slotNameFor(spec, source);
      return {
        name: source.connector.name,
        config: {
          'connector.class':
            'io.debezium.connector.postgresql.PostgresConnector',
          ...common,
          'database.dbname': source.database,
          'plugin.name': 'pgoutput',
          'slot.name': slot,
          'publication.name': slot,
          // Creates the publication for exactly the included tables.
          'publication.autocreate.mode': 'filtered',
        },
      };
    }
    return {
      name: source.connector.name,
      config: {
        // The local stack installs only the MariaDB and PostgreSQL plugins; MySQL needs Debezium's MySQL plugin.
        'connector.class':
          source.kind === 'mysql'
            ? 'io.debezium.connector.mysql.MySqlConnector'
            : 'io.debezium.connector.mariadb.MariaDbConnector',
        ...common,
        'database.server.id': String(serverIdFor(spec, source)),
        // Only set for MariaDB: the value set differs between Debezium's MariaDB and MySQL connectors.
        ...(source.kind === 'mariadb'
          ? { 'database.ssl.mode': databaseSslMode }
          : {}),
        'database.include.list': source.database,
        'schema.history.internal.kafka.bootstrap.servers':
          kafkaBootstrapServers,
        'schema.history.internal.kafka.topic': `_schema-history.${source.connector.name}`,
        'include.schema.changes': 'false',
      },
    };
  });
}
