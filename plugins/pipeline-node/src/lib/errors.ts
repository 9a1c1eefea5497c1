/** The upstream systems the pipeline clients talk to. @public */
export type UpstreamComponent =
  | 'kafka'
  | 'kafka-connect'
  | 'flink-rest'
  | 'flink-sql-gateway'
  | 'nessie'
  | 'trino'
  | 'cassandra'
  | 'couchdb'
  | 'git-server';

/** @public */
export interface UpstreamErrorDetails {
  component: UpstreamComponent;
  /** The call as a template, stable for metrics and logs: `PUT /connectors/{name}/config`. */
  operation: string;
  /** The concrete call: `PUT /connectors/orders-cdc/config`. Defaults to `operation`. */
  request?: string;
  status?: number;
  /** The upstream's own words, trimmed (never the request body, which may hold secrets). */
  upstreamMessage?: string;
  /** The upstream's machine-readable code: Nessie `errorCode`, Trino `errorName`, kafkajs `type`. */
  upstreamCode?: string;
  cause?: unknown;
}

/**
 * A call to an upstream failed. The message reads
 * `kafka-connect: PUT /connectors/orders-cdc/config failed (400): <upstream message>`.
 *
 * @public
 */
export class UpstreamError extends Error {
  readonly component: UpstreamComponent;
  readonly operation: string;
  readonly request: string;
  readonly status?: number;
  readonly upstreamMessage?: string;
  readonly upstreamCode?: string;

  constructor(details: UpstreamErrorDetails, message?: string) {
    const request = details.request ?? details.operation;
    const status = details.status ? ` (${details.status})` : '';
    const said = details.upstreamMessage ? `: ${details.upstreamMessage}` : '';
    super(
      message ?? `${details.component}: ${request} failed${status}${said}`,
      {
        cause: details.cause,
      },
    );
    this.name = 'UpstreamError';
    this.component = details.component;
    this.operation = details.operation;
    this.request = request;
    this.status = details.status;
    this.upstreamMessage = details.upstreamMessage;
    this.upstreamCode = details.upstreamCode;
  }
}

/** The upstream did not answer within the call's timeout. @public */
export class UpstreamTimeoutError extends UpstreamError {
  readonly timeoutMs: number;
  constructor(details: UpstreamErrorDetails & { timeoutMs: number }) {
    super(
      details,
      `${details.component}: ${
        details.request ?? details.operation
      } timed out after ${details.timeoutMs} ms`,
    );
    this.name = 'UpstreamTimeoutError';
    this.timeoutMs = details.timeoutMs;
  }
}

/** The upstream could not be reached at all (connection refused, DNS, reset). @public */
export class UpstreamUnavailableError extends UpstreamError {
  constructor(details: UpstreamErrorDetails & { target: string }) {
    const request = details.request ?? details.operation;
    const said = details.upstreamMessage ? ` (${details.upstreamMessage})` : '';
    super(
      details,
      `${details.component}: ${request} failed: cannot reach ${details.target}${said}`,
    );
    this.name = 'UpstreamUnavailableError';
  }
}

/** The caller's AbortSignal fired before the call finished. @public */
export class UpstreamAbortedError extends UpstreamError {
  constructor(details: UpstreamErrorDetails) {
    super(
      details,
      `${details.component}: ${
        details.request ?? details.operation
      } aborted by the caller`,
    );
    this.name = 'UpstreamAbortedError';
  }
}

/** 404 from the upstream. @public */
export class NotFoundError extends UpstreamError {
  constructor(details: UpstreamErrorDetails) {
    super(details);
    this.name = 'NotFoundError';
  }
}

/** 409 from the upstream, e.g. Nessie's expected hash no longer matches. @public */
export class ConflictError extends UpstreamError {
  constructor(details: UpstreamErrorDetails) {
    super(details);
    this.name = 'ConflictError';
  }
}

/** A create found the object already there (Nessie REFERENCE_ALREADY_EXISTS). @public */
export class AlreadyExistsError extends ConflictError {
  constructor(details: UpstreamErrorDetails) {
    super(details);
    this.name = 'AlreadyExistsError';
  }
}

/**
 * A SQL statement was accepted by the transport but failed in the engine
 * (Trino `error`, SQL Gateway `errors`). `upstreamCode` holds Trino's `errorName`
 * or the Java exception's simple name.
 *
 * @public
 */
export class QueryError extends UpstreamError {
  readonly queryId?: string;
  readonly errorType?: string;
  constructor(
    details: UpstreamErrorDetails & { queryId?: string; errorType?: string },
  ) {
    super(details);
    this.name = 'QueryError';
    this.queryId = details.queryId;
    this.errorType = details.errorType;
  }
}

/** An identifier was rejected before any request was sent. @public */
export class InvalidIdentifierError extends Error {
  readonly kind: string;
  readonly value: unknown;
  constructor(kind: string, value: unknown, reason: string) {
    const shown = JSON.stringify(value) ?? String(value);
    super(
      `invalid ${kind} ${
        shown.length > 80 ? `${shown.slice(0, 80)}…` : shown
      }: ${reason}`,
    );
    this.name = 'InvalidIdentifierError';
    this.kind = kind;
    this.value = value;
  }
}
