export interface Config {
  dataPlatform?: {
    permissions?: {
      /**
       * Entity refs (groups or users) whose members may run every destructive data-platform
       * action (cancel/stop Flink jobs, create/rollback Nessie refs, restart connector tasks) on
       * any entity. Everyone else may only act on entities they own.
       */
      operators?: string[];
    };
  };
}
