export interface Config {
  dataPlatform?: {
    /**
     * The CDC sources the use-case forms may pick tables and columns from, each a Trino catalog
     * over the source database with a read-only user (its credentials stay in Trino's catalog
     * configuration). Requests name a source of this list, never a catalog.
     */
    sourceCatalogs?: Array<{
      /** The pipeline spec's source name, e.g. `commerce_mariadb`. */
      name: string;
      kind: 'mariadb' | 'mysql' | 'postgres';
      /** The MariaDB/MySQL database or PostgreSQL schema whose tables are listed. */
      schema: string;
      /** The Trino catalog (default: `name`). */
      catalog?: string;
      /** The Trino instance of `dataPlatform.upstreams.trino` (default: the first). */
      trino?: string;
      title?: string;
    }>;
  };
}
