export interface Config {
  dataPlatform?: {
    streaming?: {
      /**
       * Consumer lag (messages) above which the portal shows the lag as a warning (default 1000).
       * @visibility frontend
       */
      lagWarningThreshold?: number;
    };
  };
}
