export interface Config {
  dataPlatform?: {
    streaming?: {
      /** How long topic, lag and connector answers are reused (default 5000 ms). */
      cacheTtlMs?: number;
      /**
       * Budget of one Kafka or Kafka Connect call made for a page (default 4000 ms), so a down
       * upstream is reported within 5 s.
       */
      upstreamTimeoutMs?: number;
      /**
       * Consumer lag (messages) above which the portal shows the lag as a warning (default 1000).
       * @visibility frontend
       */
      lagWarningThreshold?: number;
    };
  };
}
