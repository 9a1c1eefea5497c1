export interface Config {
  dataPlatform?: {
    stacks?: {
      [stack: string]: {
        monitoringLinks?: {
          [id: string]: {
            /**
             * Shown by the Monitoring card when it lists the ids an entity may use.
             * @visibility frontend
             */
            title: string;
            /**
             * Browser-facing console URL (already public through entity links).
             * @visibility frontend
             */
            url: string;
          };
        };
      };
    };
  };
}
