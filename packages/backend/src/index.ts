/*
 * The portal's backend (new backend system). Each line adds one plugin or module;
 * configuration lives in app-config*.yaml at the repository root.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder: templates of the data platform's use cases
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(
  import('@internal/backstage-plugin-scaffolder-backend-module-pipeline'),
);

// techdocs: the onboarding site, built locally with Debian's mkdocs
backend.add(import('@backstage/plugin-techdocs-backend'));

// auth: guest sign-in for the local portal
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog, with the data platform's monitoring links taken from app-config
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@internal/backstage-plugin-catalog-backend-module-data-platform'),
);

// streaming: Kafka topic, consumer lag and Kafka Connect status of entities
backend.add(import('@internal/backstage-plugin-streaming-backend'));

// permissions
backend.add(import('@backstage/plugin-permission-backend'));
// destructive data-platform actions for entity owners and operators; everything else allowed
backend.add(
  import('@internal/backstage-plugin-permission-backend-module-data-platform'),
);

// search: Postgres engine in production, in-memory Lunr otherwise
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// data platform: Trino links, prepared queries and the row-limited preview
backend.add(import('@internal/backstage-plugin-trino-backend'));

// flink: job health of catalog entities (summary, details, fleet, cancel / stop-with-savepoint)
backend.add(import('@internal/backstage-plugin-flink-backend'));

// nessie: branches, tags, commit log, diff, rollback + the Paimon snapshots and tags of entities
backend.add(import('@internal/backstage-plugin-nessie-backend'));

// serving: rows, last write, write latency and lookup by key of entities' Cassandra / CouchDB targets
backend.add(import('@internal/backstage-plugin-serving-backend'));

// pipeline registry: owners, claimed objects, deploy history and savepoints; every deploy
// (template or Deployment tab) goes through its one authorized, audited, serialized path
backend.add(import('@internal/backstage-plugin-pipeline-backend'));

backend.start();
