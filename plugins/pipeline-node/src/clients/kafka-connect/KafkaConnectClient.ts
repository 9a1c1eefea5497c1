import { assertJavaClass, assertName } from '../../lib/identifiers';
import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  route,
} from '../../lib/http';
import { InvalidIdentifierError, NotFoundError } from '../../lib/errors';

/** @public */
export type ConnectorState =
  | 'RUNNING'
  | 'PAUSED'
  | 'STOPPED'
  | 'FAILED'
  | 'UNASSIGNED'
  | 'RESTARTING';

/** `GET /connectors/{name}/status` (fields the portal reads). @public */
export interface ConnectorStatus {
  name: string;
  type?: 'source' | 'sink';
  connector: { state: ConnectorState; worker_id?: string; trace?: string };
  tasks: Array<{
    id: number;
    state: ConnectorState;
    worker_id?: string;
    trace?: string;
  }>;
}

/** One entry of `GET /connectors?expand=status&expand=info`. @public */
export interface ConnectorSummary {
  name: string;
  type?: 'source' | 'sink';
  connectorClass?: string;
  status?: ConnectorStatus;
}

/** @public */
export interface ConfigValidation {
  connectorClass: string;
  errorCount: number;
  /** Only the fields that have errors. */
  fieldErrors: Record<string, string[]>;
}

/** @public */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

/** Connect stores every value as a string. @public */
export type ConnectorConfig = Record<string, string>;

/**
 * One source partition's offset as `GET /connectors/{name}/offsets` answers it (Connect 3.6+):
 * for Debezium `{"server": "<topic prefix>"}` → binlog file/position/GTIDs or WAL LSN. Kept
 * verbatim: it is written back as it was read. @public
 */
export interface ConnectorOffset {
  partition: Record<string, unknown>;
  /** `null` resets the partition (the connector starts it over). */
  offset: Record<string, unknown> | null;
}

interface ValidateResponse {
  name: string;
  error_count: number;
  configs: Array<{ value: { name: string; errors: string[] } }>;
}

interface ExpandedEntry {
  status?: ConnectorStatus;
  info?: { name: string; type?: 'source' | 'sink'; config?: ConnectorConfig };
}

function isRebalanceAnswer(body: unknown): boolean {
  const message = (body as { message?: unknown })?.message;
  return typeof message === 'string' && /rebalance/i.test(message);
}

const connectorName = (name: unknown) => assertName('connector name', name);

function sameConfig(a: ConnectorConfig, b: ConnectorConfig): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * Kafka Connect REST (port 8083). Connector configs may reference secrets through Connect's
 * config providers (`${file:…}`); values are never copied into error messages.
 *
 * @public
 */
export class KafkaConnectClient {
  private readonly http: HttpTransport;

  constructor(options: HttpClientOptions) {
    this.http = new HttpTransport('kafka-connect', options, {
      readError: body => ({
        message: (body as { message?: string })?.message,
        code: (body as { error_code?: number })?.error_code?.toString(),
      }),
      // A worker answers 409 "rebalance in progress" or 500 "a rebalance is expected" while the
      // group settles (every new connector triggers one); both clear within seconds.
      retry: {
        statuses: [409],
        retryIf: (_status, body) => isRebalanceAnswer(body),
        attempts: 6,
        delayMs: 500,
      },
    });
  }

  async listConnectors(options?: CallOptions): Promise<ConnectorSummary[]> {
    const { body } = await this.http.request<Record<string, ExpandedEntry>>(
      route('GET /connectors'),
      { ...options, query: { expand: ['status', 'info'] } },
    );
    return Object.entries(body ?? {})
      .map(([name, entry]) => ({
        name,
        type: entry.info?.type ?? entry.status?.type,
        connectorClass: entry.info?.config?.['connector.class'],
        status: entry.status,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async getStatus(
    name: string,
    options?: CallOptions,
  ): Promise<ConnectorStatus> {
    const r = route('GET /connectors/{name}/status', {
      name: connectorName(name),
    });
    return (await this.http.request<ConnectorStatus>(r, options)).body;
  }

  /** The stored config, or undefined when there is no such connector. */
  async getConfig(
    name: string,
    options?: CallOptions,
  ): Promise<ConnectorConfig | undefined> {
    const r = route('GET /connectors/{name}/config', {
      name: connectorName(name),
    });
    const res = await this.http.request<ConnectorConfig>(r, {
      ...options,
      accept: [404],
    });
    return res.status === 404 ? undefined : res.body;
  }

  async validateConfig(
    connectorClass: string,
    config: ConnectorConfig,
    options?: CallOptions,
  ): Promise<ConfigValidation> {
    assertJavaClass('connector class', connectorClass);
    const r = route('PUT /connector-plugins/{class}/config/validate', {
      class: connectorClass,
    });
    const { body } = await this.http.request<ValidateResponse>(r, {
      ...options,
      json: { 'connector.class': connectorClass, ...config },
    });
    const fieldErrors: Record<string, string[]> = {};
    for (const { value } of body.configs ?? []) {
      if (value?.errors?.length) fieldErrors[value.name] = value.errors;
    }
    return {
      connectorClass: body.name,
      errorCount: body.error_count,
      fieldErrors,
    };
  }

  /**
   * Creates or updates a connector, and does nothing when the stored config is already equal:
   * an unchanged PUT would still restart the connector's tasks.
   */
  async upsertConfig(
    name: string,
    config: ConnectorConfig,
    options?: CallOptions,
  ): Promise<{ outcome: UpsertOutcome; config: ConnectorConfig }> {
    connectorName(name);
    if (config.name !== undefined && config.name !== name) {
      throw new InvalidIdentifierError(
        'connector name',
        config.name,
        `config.name differs from "${name}"`,
      );
    }
    const desired: ConnectorConfig = { ...config, name };
    const current = await this.getConfig(name, options);
    if (current && sameConfig({ ...current, name }, desired)) {
      return { outcome: 'unchanged', config: current };
    }
    const r = route('PUT /connectors/{name}/config', { name });
    const res = await this.http.request<{ config: ConnectorConfig }>(r, {
      ...options,
      json: desired,
    });
    return {
      outcome: res.status === 201 ? 'created' : 'updated',
      config: res.body?.config ?? desired,
    };
  }

  /** Restarts the connector and its FAILED tasks only; returns the status Connect reports. */
  async restartFailed(
    name: string,
    options?: CallOptions,
  ): Promise<ConnectorStatus | undefined> {
    const r = route('POST /connectors/{name}/restart', {
      name: connectorName(name),
    });
    const res = await this.http.request<ConnectorStatus | undefined>(r, {
      ...options,
      query: { includeTasks: true, onlyFailed: true },
    });
    return res.body;
  }

  /** The offsets Connect has committed for the connector (a source's last flushed position). */
  async getOffsets(
    name: string,
    options?: CallOptions,
  ): Promise<ConnectorOffset[]> {
    const r = route('GET /connectors/{name}/offsets', {
      name: connectorName(name),
    });
    const { body } = await this.http.request<{ offsets?: ConnectorOffset[] }>(
      r,
      options,
    );
    return body?.offsets ?? [];
  }

  /**
   * Stops the connector: its tasks shut down, its config stays (Connect 3.5+). Offsets can be
   * altered only in this state.
   */
  async stop(name: string, options?: CallOptions): Promise<void> {
    const r = route('PUT /connectors/{name}/stop', {
      name: connectorName(name),
    });
    await this.http.request(r, options);
  }

  /** Resumes a stopped or paused connector. */
  async resume(name: string, options?: CallOptions): Promise<void> {
    const r = route('PUT /connectors/{name}/resume', {
      name: connectorName(name),
    });
    await this.http.request(r, options);
  }

  /**
   * Writes the given offsets for a STOPPED connector (Connect refuses otherwise with 400/409);
   * a source connector then resumes from them. Returns Connect's message, which says whether
   * the connector also manages offsets outside Connect.
   */
  async alterOffsets(
    name: string,
    offsets: ConnectorOffset[],
    options?: CallOptions,
  ): Promise<string | undefined> {
    const r = route('PATCH /connectors/{name}/offsets', {
      name: connectorName(name),
    });
    const { body } = await this.http.request<{ message?: string }>(r, {
      ...options,
      json: { offsets },
    });
    return body?.message;
  }

  /** Returns false when there was no such connector. */
  async delete(name: string, options?: CallOptions): Promise<boolean> {
    const r = route('DELETE /connectors/{name}', { name: connectorName(name) });
    try {
      await this.http.request(r, options);
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }
}
