import { Client, errors as driverErrors, policies } from 'cassandra-driver';
import type { CallOptions } from '../../lib/http';
import {
  AlreadyExistsError,
  InvalidIdentifierError,
  NotFoundError,
  UpstreamAbortedError,
  UpstreamError,
  UpstreamErrorDetails,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../lib/errors';
import { trimMessage } from '../../lib/http';
import { assertCqlColumn, assertCqlName } from '../../lib/identifiers';
import { jsonValue, KeyInput, keyValue, microsToDate } from './cqlValues';

/** @public */
export interface CassandraClientOptions {
  /** `host` or `host:port`, e.g. `['127.0.0.1:9042']`. */
  contactPoints: string[];
  /** The datacenter the driver routes requests to (the local stack's is `datacenter1`). */
  localDataCenter: string;
  credentials?: { username: string; password: string };
  /** Bound of one client call, connecting included (default 10 s). */
  timeoutMs?: number;
  /** Replaces the DataStax driver (tests). */
  driver?: CassandraDriver;
}

/** The part of the DataStax driver this client uses. @public */
export interface CassandraDriver {
  connect(): Promise<void>;
  execute(
    query: string,
    params?: unknown[],
    options?: {
      prepare?: boolean;
      fetchSize?: number;
      pageState?: string;
      readTimeout?: number;
    },
  ): Promise<{
    rows: Array<Record<string, unknown>>;
    pageState?: string | null;
  }>;
  shutdown(): Promise<void>;
}

/** One column of a Cassandra table, from system_schema.columns. @public */
export interface CassandraColumn {
  name: string;
  /** CQL type as the schema spells it: `text`, `int`, `timestamp`, `decimal`, ... */
  type: string;
  kind: 'partition_key' | 'clustering' | 'regular' | 'static';
  /** Position within the partition key or clustering columns; -1 for the others. */
  position: number;
}

/** @public */
export interface CassandraTable {
  keyspace: string;
  table: string;
  columns: CassandraColumn[];
  /** Partition key columns, then clustering columns, in key order. */
  primaryKey: string[];
  partitionKey: string[];
}

/** @public */
export interface CassandraRowsPage {
  rows: Array<Record<string, unknown>>;
  /** More rows matched than the limit let through. */
  truncated: boolean;
}

/** What a bounded scan saw: every row up to the cap, with WRITETIME of one column. @public */
export interface CassandraScan {
  /** Rows seen; equals the table's row count when `complete`. */
  rowsSeen: number;
  complete: boolean;
  /** The newest WRITETIME of `writetimeColumn` among the rows seen. */
  lastWriteAt?: Date;
  /** Per row seen, when it has both: WRITETIME of the column, and the column's value. */
  samples: Array<{ writtenAt: Date; value: unknown }>;
}

const quote = (name: string) => `"${name}"`;
const qualified = (keyspace: string, table: string) =>
  `${quote(assertCqlName('Cassandra keyspace', keyspace))}.${quote(
    assertCqlName('Cassandra table', table),
  )}`;

// What a deploy step may run: the renderer's schema statements, one at a time, nothing else.
const SCHEMA_STATEMENT =
  /^\s*CREATE\s+(KEYSPACE|TABLE)\s+IF\s+NOT\s+EXISTS\s+[^;]+;?\s*$/i;

/** Key columns first, in key order, then the others by name. */
const byKeyFirst = (key: string[]) => (a: string, b: string) => {
  const ia = key.indexOf(a);
  const ib = key.indexOf(b);
  if (ia >= 0 || ib >= 0)
    return (ia < 0 ? Infinity : ia) - (ib < 0 ? Infinity : ib);
  return a.localeCompare(b);
};

/**
 * Cassandra through the DataStax Node.js driver: schema reads (system_schema), the deploy step's
 * CREATE … IF NOT EXISTS, and read-only, row-limited reads for the portal. One driver session per
 * client, connected on first use (a failed connect is retried on the next call); every call is
 * bounded by `timeoutMs` and fails as an UpstreamError naming `cassandra`.
 *
 * @public
 */
export class CassandraClient {
  private readonly driver: CassandraDriver;
  private readonly timeoutMs: number;
  private readonly target: string;
  private connecting?: Promise<void>;

  constructor(options: CassandraClientOptions) {
    if (!options.driver && !options.contactPoints?.length)
      throw new TypeError('cassandra: at least one contact point is required');
    if (!options.driver && !options.localDataCenter)
      throw new TypeError('cassandra: localDataCenter is required');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.target = (options.contactPoints ?? []).join(',') || 'cassandra';
    this.driver =
      options.driver ??
      (new Client({
        contactPoints: options.contactPoints,
        localDataCenter: options.localDataCenter,
        credentials: options.credentials,
        socketOptions: {
          connectTimeout: Math.min(this.timeoutMs, 5000),
          readTimeout: this.timeoutMs,
        },
        // The portal reads system_schema itself; the driver's own schema sync is not needed.
        isMetadataSyncEnabled: false,
        // The default backs off to 10 min: a store back after an outage would look down for long.
        policies: {
          reconnection: new policies.reconnection.ExponentialReconnectionPolicy(
            1000,
            30_000,
          ),
        },
      }) as unknown as CassandraDriver);
  }

  /** Closes the driver's connections (backend shutdown, end of a test). */
  async close(): Promise<void> {
    await this.driver.shutdown().catch(() => undefined);
  }

  async keyspaceExists(keyspace: string, options?: CallOptions) {
    assertCqlName('Cassandra keyspace', keyspace);
    const { rows } = await this.run(
      'keyspaceExists',
      keyspace,
      'SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?',
      [keyspace],
      options,
    );
    return rows.length > 0;
  }

  /** The table's columns and key, or undefined when it does not exist. */
  async describeTable(
    keyspace: string,
    table: string,
    options?: CallOptions,
  ): Promise<CassandraTable | undefined> {
    qualified(keyspace, table);
    const { rows } = await this.run(
      'describeTable',
      `${keyspace}.${table}`,
      'SELECT column_name, kind, position, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?',
      [keyspace, table],
      options,
    );
    if (rows.length === 0) return undefined;
    const columns = rows.map(r => ({
      name: String(r.column_name),
      type: String(r.type),
      kind: String(r.kind) as CassandraColumn['kind'],
      position: Number(r.position),
    }));
    const keyOf = (kind: string) =>
      columns
        .filter(c => c.kind === kind)
        .sort((a, b) => a.position - b.position)
        .map(c => c.name);
    const partitionKey = keyOf('partition_key');
    return {
      keyspace,
      table,
      columns,
      partitionKey,
      primaryKey: [...partitionKey, ...keyOf('clustering')],
    };
  }

  /** Runs one `CREATE KEYSPACE|TABLE IF NOT EXISTS` statement; anything else is refused unsent. */
  async executeSchemaStatement(cql: string, options?: CallOptions) {
    if (!SCHEMA_STATEMENT.test(cql))
      throw new TypeError(
        'cassandra: only one CREATE KEYSPACE|TABLE IF NOT EXISTS statement is accepted',
      );
    const first = cql.trim().split(/\s+/).slice(0, 6).join(' ');
    await this.run('executeSchemaStatement', first, cql, [], options, false);
  }

  async dropKeyspace(keyspace: string, options?: CallOptions) {
    assertCqlName('Cassandra keyspace', keyspace);
    await this.run(
      'dropKeyspace',
      keyspace,
      `DROP KEYSPACE IF EXISTS ${quote(keyspace)}`,
      [],
      options,
      false,
    );
  }

  /**
   * Rows by key: the whole partition key, and optionally a prefix of the clustering columns.
   * Read-only and row-limited; values are parsed into the key columns' types first.
   */
  async selectByKey(
    table: CassandraTable,
    key: Record<string, KeyInput>,
    opts: { limit: number },
    options?: CallOptions,
  ): Promise<CassandraRowsPage> {
    const from = qualified(table.keyspace, table.table);
    const limit = Math.max(1, Math.min(Math.floor(opts.limit), 500));
    const given = Object.keys(key);
    const unknown = given.filter(k => !table.primaryKey.includes(k));
    if (unknown.length)
      throw new InvalidIdentifierError(
        'lookup key',
        unknown,
        `not key columns of ${table.keyspace}.${
          table.table
        }; its key is (${table.primaryKey.join(', ')})`,
      );
    const used = table.primaryKey.filter(k => k in key);
    const prefixOk =
      table.partitionKey.every(k => k in key) &&
      used.every((k, i) => table.primaryKey[i] === k);
    if (!prefixOk)
      throw new InvalidIdentifierError(
        'lookup key',
        given,
        `give the partition key (${table.partitionKey.join(
          ', ',
        )}), then optionally the clustering columns in order`,
      );
    const typeOf = new Map(table.columns.map(c => [c.name, c.type]));
    const params = used.map(k => keyValue(k, typeOf.get(k) ?? 'text', key[k]));
    const where = used
      .map(k => `${quote(assertCqlColumn(k))} = ?`)
      .join(' AND ');
    const { rows } = await this.run(
      'selectByKey',
      `${table.keyspace}.${table.table}`,
      `SELECT * FROM ${from} WHERE ${where} LIMIT ${limit + 1}`,
      params,
      options,
    );
    return {
      rows: rows.slice(0, limit).map(row =>
        Object.fromEntries(
          table.columns
            .map(c => c.name)
            .sort(byKeyFirst(table.primaryKey))
            .map(name => [name, jsonValue(row[name])]),
        ),
      ),
      truncated: rows.length > limit,
    };
  }

  /**
   * Reads the table page by page up to `maxRows` rows: how many there are (exact when the scan
   * completes), the newest WRITETIME of `writetimeColumn`, and per row that column's value and
   * write time. Bounded twice: by `maxRows` and by the call's timeout.
   */
  async scan(
    table: CassandraTable,
    opts: { maxRows: number; writetimeColumn?: string },
    options?: CallOptions,
  ): Promise<CassandraScan> {
    const from = qualified(table.keyspace, table.table);
    const key = quote(assertCqlColumn(table.partitionKey[0]));
    const col = opts.writetimeColumn
      ? quote(assertCqlColumn(opts.writetimeColumn))
      : undefined;
    const select = col
      ? `SELECT ${key}, WRITETIME(${col}) AS wt, ${col} AS v FROM ${from}`
      : `SELECT ${key} FROM ${from}`;
    const what = `${table.keyspace}.${table.table}`;
    return this.bounded('scan', what, options, async () => {
      const result: CassandraScan = {
        rowsSeen: 0,
        complete: false,
        samples: [],
      };
      const fetchPage = (pageState?: string) =>
        this.driverCall('scan', what, () =>
          this.driver.execute(select, [], {
            prepare: true,
            fetchSize: Math.min(1000, opts.maxRows),
            pageState,
            readTimeout: this.timeoutMs,
          }),
        );
      let pageState: string | undefined;
      for (;;) {
        const page = await fetchPage(pageState);
        for (const row of page.rows) {
          if (result.rowsSeen >= opts.maxRows) return result;
          result.rowsSeen++;
          const writtenAt = microsToDate(row.wt);
          if (!writtenAt) continue;
          if (!result.lastWriteAt || writtenAt > result.lastWriteAt)
            result.lastWriteAt = writtenAt;
          result.samples.push({ writtenAt, value: row.v });
        }
        if (!page.pageState) {
          result.complete = true;
          return result;
        }
        pageState = page.pageState;
      }
    });
  }

  /** Cassandra's own estimate of the table's partitions (system.size_estimates), if it has one. */
  async estimatePartitions(
    keyspace: string,
    table: string,
    options?: CallOptions,
  ): Promise<number | undefined> {
    qualified(keyspace, table);
    const { rows } = await this.run(
      'estimatePartitions',
      `${keyspace}.${table}`,
      'SELECT partitions_count FROM system.size_estimates WHERE keyspace_name = ? AND table_name = ?',
      [keyspace, table],
      options,
    );
    if (rows.length === 0) return undefined;
    return rows.reduce((sum, r) => sum + Number(String(r.partitions_count)), 0);
  }

  private run(
    operation: string,
    what: string,
    cql: string,
    params: unknown[],
    options?: CallOptions,
    prepare = true,
  ) {
    return this.bounded(operation, what, options, () =>
      this.driverCall(operation, what, () =>
        this.driver.execute(cql, params, {
          prepare,
          readTimeout: options?.timeoutMs ?? this.timeoutMs,
        }),
      ),
    );
  }

  /** Connects (once) and runs `fn`, mapping the driver's errors. */
  private async driverCall<T>(
    operation: string,
    what: string,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      this.connecting ??= this.driver.connect().catch(error => {
        this.connecting = undefined;
        throw error;
      });
      await this.connecting;
      return await fn();
    } catch (error) {
      throw this.errorFor(
        { component: 'cassandra', operation, request: `${operation} ${what}` },
        error,
      );
    }
  }

  /** Bounds a whole call (connect and every page) by the timeout and the caller's signal. */
  private bounded<T>(
    operation: string,
    what: string,
    options: CallOptions | undefined,
    fn: () => Promise<T>,
  ): Promise<T> {
    const details = {
      component: 'cassandra' as const,
      operation,
      request: `${operation} ${what}`,
    };
    const timeoutMs = options?.timeoutMs ?? this.timeoutMs;
    if (options?.signal?.aborted)
      return Promise.reject(new UpstreamAbortedError(details));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new UpstreamTimeoutError({ ...details, timeoutMs })),
        timeoutMs,
      );
      const onAbort = () => reject(new UpstreamAbortedError(details));
      options?.signal?.addEventListener('abort', onAbort, { once: true });
      fn()
        .then(resolve, reject)
        .finally(() => {
          clearTimeout(timer);
          options?.signal?.removeEventListener('abort', onAbort);
        });
    });
  }

  private errorFor(details: UpstreamErrorDetails, error: unknown): Error {
    if (error instanceof UpstreamError || error instanceof TypeError)
      return error;
    const e = error as Error & { code?: number; innerErrors?: unknown };
    if (error instanceof driverErrors.NoHostAvailableError) {
      const inner = Object.values(
        (e.innerErrors ?? {}) as Record<string, Error>,
      )[0];
      return new UpstreamUnavailableError({
        ...details,
        target: this.target,
        upstreamMessage: trimMessage(inner?.message ?? e.message),
        cause: error,
      });
    }
    if (error instanceof driverErrors.OperationTimedOutError)
      return new UpstreamTimeoutError({
        ...details,
        timeoutMs: this.timeoutMs,
        cause: error,
      });
    const full = {
      ...details,
      upstreamMessage: trimMessage(e?.message),
      upstreamCode: e?.name,
      cause: error,
    };
    if (error instanceof driverErrors.ResponseError) {
      if (e.code === 0x2400) return new AlreadyExistsError(full);
      if (/does not exist|unconfigured table/i.test(e.message))
        return new NotFoundError(full);
    }
    return new UpstreamError(full);
  }
}
