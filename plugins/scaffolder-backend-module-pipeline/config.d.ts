export interface Config {
  dataPlatform?: {
    git?: {
      /** infra/local's git server, where dataplatform:publish:local-git publishes use-case repositories. */
      localServer?: {
        /**
         * Base URL, e.g. http://127.0.0.1:9419 (the default).
         * @visibility backend
         */
        url?: string;
      };
    };
  };
}
