import {
  assertCouchDatabase,
  assertCouchDesignName,
} from '../../lib/identifiers';
import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  route,
} from '../../lib/http';
import { InvalidIdentifierError } from '../../lib/errors';

/** @public */
export interface CouchDbClientOptions extends HttpClientOptions {
  /** Basic auth of an account that may create databases and design documents. */
  user?: string;
  password?: string;
}

/** `GET /{db}`, the fields the portal reads. @public */
export interface CouchDatabaseInfo {
  db_name: string;
  /** Documents, design documents included, deleted ones not. */
  doc_count: number;
  doc_del_count?: number;
  update_seq?: unknown;
}

/** A design document: `_id` is `_design/<name>`; views hold JavaScript map (and reduce) source. @public */
export interface CouchDesignDocument {
  _id: string;
  _rev?: string;
  language?: string;
  views: Record<string, { map: string; reduce?: string }>;
  [field: string]: unknown;
}

/** @public */
export interface CouchViewRow {
  id?: string;
  key: unknown;
  value: unknown;
  doc?: Record<string, unknown>;
}

/** @public */
export interface CouchViewPage {
  rows: CouchViewRow[];
  /** More rows matched than the limit let through. */
  truncated: boolean;
}

/** @public */
export interface CouchChange {
  id: string;
  seq: unknown;
  deleted?: boolean;
  doc?: Record<string, unknown>;
}

const db = (name: string) => assertCouchDatabase(name);
const designName = (id: string) => {
  const m = /^_design\/(.+)$/.exec(id ?? '');
  if (!m)
    throw new InvalidIdentifierError(
      'CouchDB design document id',
      id,
      'expected _design/<name>',
    );
  return assertCouchDesignName('CouchDB design document', m[1]);
};
const MAX_KEY_JSON = 400;

/**
 * A server speaking CouchDB's HTTP API (Apache CouchDB 3, or the local stack's stand-in):
 * databases, design documents and views by key, the deploy step's idempotent creates and the
 * portal's read-only, row-limited lookups. Every name is validated before a request.
 *
 * @public
 */
export class CouchDbClient {
  private readonly http: HttpTransport;

  constructor(options: CouchDbClientOptions) {
    if ((options.user === undefined) !== (options.password === undefined))
      throw new TypeError('couchdb: give both user and password, or neither');
    const headers: Record<string, string> = {};
    if (options.user !== undefined)
      headers.Authorization = `Basic ${Buffer.from(
        `${options.user}:${options.password}`,
      ).toString('base64')}`;
    this.http = new HttpTransport('couchdb', options, {
      headers,
      // CouchDB answers {"error": "not_found", "reason": "Database does not exist."}.
      readError: body => ({
        message: (body as { reason?: string })?.reason,
        code: (body as { error?: string })?.error,
      }),
    });
  }

  /** `GET /`: the server's welcome (name and version); the reachability probe. */
  async serverInfo(options?: CallOptions) {
    return (
      await this.http.request<{ couchdb?: string; version?: string }>(
        route('GET /'),
        options,
      )
    ).body;
  }

  /** The database's document count, or undefined when it does not exist. */
  async databaseInfo(
    name: string,
    options?: CallOptions,
  ): Promise<CouchDatabaseInfo | undefined> {
    const { status, body } = await this.http.request<CouchDatabaseInfo>(
      route('GET /{db}', { db: db(name) }),
      { ...options, accept: [404] },
    );
    return status === 404 ? undefined : body;
  }

  /** Creates the database; false when it already existed (412). */
  async createDatabase(name: string, options?: CallOptions): Promise<boolean> {
    const { status } = await this.http.request(
      route('PUT /{db}', { db: db(name) }),
      { ...options, accept: [412] },
    );
    return status !== 412;
  }

  /** Deletes the database; false when there was none. */
  async deleteDatabase(name: string, options?: CallOptions): Promise<boolean> {
    const { status } = await this.http.request(
      route('DELETE /{db}', { db: db(name) }),
      { ...options, accept: [404] },
    );
    return status !== 404;
  }

  /** The design document, or undefined when it does not exist. */
  async getDesignDocument(
    database: string,
    id: string,
    options?: CallOptions,
  ): Promise<CouchDesignDocument | undefined> {
    const r = route('GET /{db}/_design/{name}', {
      db: db(database),
      name: designName(id),
    });
    const { status, body } = await this.http.request<CouchDesignDocument>(r, {
      ...options,
      accept: [404],
    });
    return status === 404 ? undefined : body;
  }

  /**
   * Writes the design document: created without `_rev`, updated with the current one. A
   * concurrent change answers 409 (ConflictError) instead of being overwritten.
   */
  async putDesignDocument(
    database: string,
    doc: CouchDesignDocument,
    options?: CallOptions,
  ): Promise<{ rev: string }> {
    const r = route('PUT /{db}/_design/{name}', {
      db: db(database),
      name: designName(doc._id),
    });
    const { body } = await this.http.request<{ rev: string }>(r, {
      ...options,
      json: doc,
    });
    return { rev: body.rev };
  }

  /**
   * Rows of a view with exactly this key (`key=<JSON>`), documents included, at most `limit`.
   * The key travels as a JSON query parameter, never as a path.
   */
  async queryView(
    database: string,
    designId: string,
    view: string,
    opts: { key: unknown; limit: number; includeDocs?: boolean },
    options?: CallOptions,
  ): Promise<CouchViewPage> {
    const key = JSON.stringify(opts.key);
    if (key === undefined || key.length > MAX_KEY_JSON)
      throw new InvalidIdentifierError(
        'view key',
        opts.key,
        `must be JSON of at most ${MAX_KEY_JSON} characters`,
      );
    const limit = Math.max(1, Math.min(Math.floor(opts.limit), 500));
    const r = route('GET /{db}/_design/{name}/_view/{view}', {
      db: db(database),
      name: designName(designId),
      view: assertCouchDesignName('CouchDB view', view),
    });
    const { body } = await this.http.request<{ rows?: CouchViewRow[] }>(r, {
      ...options,
      query: {
        key,
        limit: limit + 1,
        include_docs: opts.includeDocs ?? true,
        reduce: false,
      },
    });
    const rows = body.rows ?? [];
    return { rows: rows.slice(0, limit), truncated: rows.length > limit };
  }

  /**
   * The newest changes first, with their documents. CouchDB reads them backwards
   * (`descending=true`); a server whose sequence is a plain number (the local stand-in, which
   * has no `descending`) is read forward from `updateSeq − limit` instead.
   */
  async latestChanges(
    database: string,
    opts: { limit: number; updateSeq?: unknown },
    options?: CallOptions,
  ): Promise<CouchChange[]> {
    const limit = Math.max(1, Math.min(Math.floor(opts.limit), 100));
    const numeric = typeof opts.updateSeq === 'number';
    const { body } = await this.http.request<{ results?: CouchChange[] }>(
      route('GET /{db}/_changes', { db: db(database) }),
      {
        ...options,
        query: {
          ...(numeric
            ? { since: Math.max(0, (opts.updateSeq as number) - limit) }
            : { descending: true }),
          limit,
          include_docs: true,
        },
      },
    );
    const results = body.results ?? [];
    return numeric ? [...results].reverse() : results;
  }

  /** The database's design documents (they count in `doc_count`), at most 100. */
  async designDocuments(
    database: string,
    options?: CallOptions,
  ): Promise<CouchDesignDocument[]> {
    const { body } = await this.http.request<{
      rows?: Array<{ doc?: CouchDesignDocument | null }>;
    }>(route('GET /{db}/_all_docs', { db: db(database) }), {
      ...options,
      query: {
        startkey: JSON.stringify('_design/'),
        endkey: JSON.stringify('_design0'),
        include_docs: true,
        limit: 100,
      },
    });
    return (body.rows ?? []).flatMap(r => (r.doc ? [r.doc] : []));
  }
}
