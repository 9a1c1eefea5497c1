/**
 * A failed call to a data-platform plugin backend, carrying the backend's own message (it names
 * the upstream and the call that failed, e.g. "flink-rest: GET /jobs/overview failed: ...").
 */
export class DataPlatformApiError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'DataPlatformApiError';
  }

  /** 503: the upstream (Flink, Nessie, Kafka, Trino, ...) is down or too slow, not the portal. */
  get upstreamDown(): boolean {
    return this.status === 503;
  }

  /** 409: what the user acted on moved since they looked (e.g. a Nessie branch head). */
  get conflict(): boolean {
    return this.status === 409;
  }

  /** 403: the permission policy refused the signed-in user. */
  get forbidden(): boolean {
    return this.status === 403;
  }
}
