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
         * `CREATE CATALOG <name> WITH (<options>)`.
         */
        paimonCatalog?: {
          name: string;
          /** e.g. `s3://paimon/warehouse`. */
          warehouse: string;
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
    };
  };
}
