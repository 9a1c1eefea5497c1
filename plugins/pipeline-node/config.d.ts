export interface Config {
  dataPlatform?: {
    /**
     * The upstream instances the portal talks to, one or more of each kind. Entities pick one
     * with the `dataplatform.io/instance` annotation; the first instance is the default.
     */
    upstreams?: {
      flink?: Array<{
        /** @visibility frontend */
        name: string;
        /** JobManager REST API, as the backend reaches it. */
        restUrl: string;
        /** SQL Gateway REST API, as the backend reaches it. */
        sqlGatewayUrl?: string;
        /** The Flink dashboard as a browser reaches it (deep links). @visibility frontend */
        dashboardUrl?: string;
        /**
         * The Paimon catalog each SQL Gateway session creates before it reads or writes tables:
         * `CREATE CATALOG <name> WITH ('type' = 'paimon', 'warehouse' = …)`. No object-store keys:
         * catalog options are readable through `<name>.sys.catalog_options` by any query, so the
         * Flink cluster's own filesystem config (`s3.*`) gives Paimon the store.
         */
        paimonCatalog?: {
          name: string;
          /** e.g. `s3://paimon/warehouse`. */
          warehouse: string;
          /**
           * The object store, for Paimon's own S3 file IO. Paimon lists these in
           * `<catalog>.sys.catalog_options`: no user SQL ever reads a `sys` table (the deploy and
           * the form's check refuse them on the plan, pipeline-node's planScope).
           */
          s3?: {
            endpoint?: string;
            pathStyleAccess?: boolean;
            /** @visibility secret */
            accessKey?: string;
            /** @visibility secret */
            secretKey?: string;
          };
        };
        timeoutMs?: number;
      }>;
      kafka?: Array<{
        /** @visibility frontend */
        name: string;
        brokers: string[];
        timeoutMs?: number;
      }>;
      kafkaConnect?: Array<{
        /** @visibility frontend */
        name: string;
        url: string;
        timeoutMs?: number;
      }>;
      nessie?: Array<{
        /** @visibility frontend */
        name: string;
        /** Root of the Nessie server; the client adds `/api/v2`. */
        url: string;
        /** @visibility frontend */
        uiUrl?: string;
        timeoutMs?: number;
      }>;
      trino?: Array<{
        /** @visibility frontend */
        name: string;
        url: string;
        /** Sent as X-Trino-User. */
        user: string;
        /** The catalog that serves the lakehouse tables, e.g. `lakehouse`. @visibility frontend */
        catalog: string;
        /** @visibility frontend */
        uiUrl?: string;
        timeoutMs?: number;
      }>;
      /** Cassandra clusters the serving sinks write to (CQL native protocol). */
      cassandra?: Array<{
        /** @visibility frontend */
        name: string;
        /** `host` or `host:port`, as the backend reaches them. */
        contactPoints: string[];
        /** The datacenter requests are routed to, e.g. `datacenter1`. */
        localDataCenter: string;
        /** Omit on a cluster without authentication (the local stack's, on loopback). */
        credentials?: {
          username: string;
          /** @visibility secret */
          password: string;
        };
        timeoutMs?: number;
      }>;
      /** Servers speaking CouchDB's HTTP API (serving views such as `customer_case`). */
      couchdb?: Array<{
        /** @visibility frontend */
        name: string;
        /** Root of the server's HTTP API, as the backend reaches it. */
        url: string;
        /** Admin account: the deploy step creates databases and design documents. */
        user?: string;
        /** @visibility secret */
        password?: string;
        /** Fauxton or another console, as a browser reaches it. @visibility frontend */
        uiUrl?: string;
        timeoutMs?: number;
      }>;
    };
  };
}
