export interface Config {
  dataPlatform?: {
    /**
     * The databases pipelines may capture, by name. A spec's source must match one (kind, host,
     * port, database) and its connector credentials must be among that source's references:
     * a spec can neither point Connect at any host nor at any secret Connect can read.
     */
    sources?: {
      [name: string]: {
        kind: 'mariadb' | 'mysql' | 'postgres';
        /** As Kafka Connect reaches it (the spec must say the same). */
        host: string;
        port: number;
        database: string;
        /**
         * Credential references a connector may use for this source, as Connect resolves them:
         * `${env:CDC_MARIADB_USER}`, `${file:/etc/kafka-connect/secrets/cdc.properties:mariadb.user}`,
         * `${secrets:cdc-credentials:password}` (a Kubernetes secret reference).
         */
        credentials?: string[];
      };
    };
    registry?: {
      /**
       * Spec files (pipeline.yaml) of the platform's own pipelines, registered at backend start
       * with the owner their spec names. Relative paths resolve against the backend's working
       * directory. Operator-controlled: these pipelines keep names outside the team namespaces.
       */
      platformPipelines?: string[];
      /** How long a pipeline's lock outlives a backend that died holding it (default 1800). */
      lockTtlSeconds?: number;
    };
  };
}
