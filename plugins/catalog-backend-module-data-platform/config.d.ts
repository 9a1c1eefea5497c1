export interface Config {
  dataPlatform?: {
    /**
     * Which stack the portal points at: local (infra/local, the default), compose or k8s.
     * @visibility frontend
     */
    stack?: string;
    /** Per stack, where its consoles live. Only the selected stack's section is read. */
    stacks?: {
      [stack: string]: {
        /**
         * Monitoring consoles by id (flinkDashboard, trinoUi, nessieUi, kafkaConnect, ...).
         * Entities pick them with the `dataplatform.io/monitoring-links` annotation.
         */
        monitoringLinks?: {
          [id: string]: {
            title: string;
            url: string;
            /** A Backstage system icon id, e.g. dashboard, docs, catalog. */
            icon?: string;
          };
        };
      };
    };
  };
}
