import {
  assertNessieHash,
  assertNessieRef,
  assertPattern,
} from '../../lib/identifiers';
import {
  CallOptions,
  HttpClientOptions,
  HttpTransport,
  route,
} from '../../lib/http';

/** @public */
export type NessieReferenceType = 'BRANCH' | 'TAG';

/** @public */
export interface NessieReference {
  type: NessieReferenceType;
  name: string;
  hash: string;
}

/** @public */
export interface NessieCommit {
  hash: string;
  message: string;
  committer?: string;
  authors: string[];
  authorTime?: string;
  commitTime?: string;
  properties?: Record<string, string>;
  parentCommitHashes?: string[];
}

/** An operation of a commit (`fetch=ALL`): which key it put or deleted, and the new content. @public */
export interface NessieOperation {
  type: 'PUT' | 'DELETE' | 'UNCHANGED';
  key: { elements: string[] };
  content?: NessieContent;
}

/**
 * Content of a key. Iceberg tables carry the metadata file Trino reads and the snapshot Paimon
 * committed (Paimon's Iceberg snapshot id is its own snapshot id).
 * @public
 */
export interface NessieContent {
  type: string;
  id?: string;
  metadataLocation?: string;
  snapshotId?: number;
  schemaId?: number;
  specId?: number;
  sortOrderId?: number;
  elements?: string[];
}

/** A commit with its operations, as a `fetch=ALL` log returns it. @public */
export interface NessieLogEntry {
  commit: NessieCommit;
  operations: NessieOperation[];
}

/** @public */
export interface NessieLogPage {
  entries: NessieCommit[];
  /** Pass as `pageToken` for the next page; absent on the last page. */
  nextPageToken?: string;
}

/** @public */
export interface NessieDiffEntry {
  key: { elements: string[] };
  from: { type: string } | null;
  to: { type: string } | null;
}

/** What one commit writes (restore). @public */
export interface NessieCommitRequest {
  message: string;
  properties?: Record<string, string>;
  authors?: string[];
  operations: NessieOperation[];
}

/** `commerce.orders` style keys: elements are SQL identifiers, so "." joins them unambiguously. */
const CONTENT_KEY = /^[A-Za-z0-9_]{1,128}(\.[A-Za-z0-9_]{1,128}){0,3}$/;
const contentKey = (k: unknown) =>
  assertPattern('nessieKey', k, CONTENT_KEY, '<database>.<table>');

/**
 * Nessie's CEL over a commit's keys: every key went through contentKey, so a quoted literal
 * cannot break out of the expression.
 */
export function touchesKeysFilter(keys: string[]): string {
  return `operations.exists(op, op.key in [${keys
    .map(k => `'${contentKey(k)}'`)
    .join(', ')}])`;
}

/** Where a new reference starts: a ref's current head, or a given commit on it. @public */
export interface NessieSource {
  name: string;
  hash?: string;
  type?: NessieReferenceType;
}

interface Paged {
  hasMore?: boolean;
  token?: string | null;
}

const ref = (name: unknown) => assertNessieRef(name);

/** Nessie v2 answers a commit's properties as `allProperties` (multi-valued); one value each here. */
function commitOf(
  meta: NessieCommit & { allProperties?: Record<string, string[]> },
): NessieCommit {
  const { allProperties, ...rest } = meta;
  if (rest.properties || !allProperties) return rest;
  return {
    ...rest,
    properties: Object.fromEntries(
      Object.entries(allProperties).map(([k, v]) => [k, v[0]]),
    ),
  };
}
const hash = (h: unknown) => assertNessieHash(h);

/**
 * Nessie REST API v2 (port 19120). Write calls carry the expected head hash (`name@hash`),
 * so a concurrent change yields a ConflictError instead of a lost update.
 *
 * @public
 */
export class NessieClient {
  private readonly http: HttpTransport;
  /** The REST API v2 root this client talks to (what Paimon's commit callback is given too). */
  readonly apiUrl: string;

  /** `baseUrl` is the server root (`http://127.0.0.1:19120`); `/api/v2` is appended if missing. */
  constructor(options: HttpClientOptions) {
    const root = options.baseUrl.replace(/\/+$/, '').replace(/\/api\/v2$/, '');
    this.apiUrl = `${root}/api/v2`;
    this.http = new HttpTransport(
      'nessie',
      { ...options, baseUrl: this.apiUrl },
      {
        readError: body => ({
          message: (body as { message?: string })?.message,
          code: (body as { errorCode?: string })?.errorCode,
        }),
      },
    );
  }

  async listReferences(
    options?: CallOptions & { maxPages?: number },
  ): Promise<NessieReference[]> {
    const refs: NessieReference[] = [];
    let token: string | undefined;
    for (let pages = 0; pages < (options?.maxPages ?? 50); pages++) {
      const { body } = await this.http.request<
        Paged & { references: NessieReference[] }
      >(route('GET /trees'), { ...options, query: { 'page-token': token } });
      refs.push(...(body.references ?? []));
      if (!body.hasMore || !body.token) break;
      token = body.token;
    }
    return refs;
  }

  async getReference(
    name: string,
    options?: CallOptions,
  ): Promise<NessieReference> {
    const r = route('GET /trees/{ref}', { ref: ref(name) });
    return (await this.http.request<{ reference: NessieReference }>(r, options))
      .body.reference;
  }

  /** Creates a branch at `from` (its current head unless `from.hash` is given). 409 → AlreadyExistsError. */
  createBranch(name: string, from: NessieSource, options?: CallOptions) {
    return this.createReference('BRANCH', name, from, options);
  }

  createTag(name: string, from: NessieSource, options?: CallOptions) {
    return this.createReference('TAG', name, from, options);
  }

  async commitLog(
    refName: string,
    opts: { maxRecords?: number; pageToken?: string } = {},
    options?: CallOptions,
  ): Promise<NessieLogPage> {
    const r = route('GET /trees/{ref}/history', { ref: ref(refName) });
    const { body } = await this.http.request<
      Paged & { logEntries: Array<{ commitMeta: NessieCommit }> }
    >(r, {
      ...options,
      query: { 'max-records': opts.maxRecords, 'page-token': opts.pageToken },
    });
    return {
      entries: (body.logEntries ?? []).map(e => commitOf(e.commitMeta)),
      nextPageToken: body.hasMore && body.token ? body.token : undefined,
    };
  }

  /**
   * The commits of `refName` that touch any of `keys` (`commerce.orders`), newest first, with
   * their operations: Nessie evaluates the filter server side, so a busy `main` costs one call.
   */
  async keyLog(
    refName: string,
    keys: string[],
    opts: { maxRecords?: number; pageToken?: string } = {},
    options?: CallOptions,
  ): Promise<{ entries: NessieLogEntry[]; nextPageToken?: string }> {
    const r = route('GET /trees/{ref}/history', { ref: ref(refName) });
    const { body } = await this.http.request<
      Paged & {
        logEntries: Array<{
          commitMeta: NessieCommit;
          operations?: NessieOperation[] | null;
        }>;
      }
    >(r, {
      ...options,
      query: {
        'max-records': opts.maxRecords,
        'page-token': opts.pageToken,
        fetch: 'ALL',
        filter: touchesKeysFilter(keys),
      },
    });
    return {
      entries: (body.logEntries ?? []).map(e => ({
        commit: commitOf(e.commitMeta),
        operations: e.operations ?? [],
      })),
      nextPageToken: body.hasMore && body.token ? body.token : undefined,
    };
  }

  /** The contents of `keys` at `refName` (one call); absent keys are missing from the map. */
  async getContents(
    refName: string,
    keys: string[],
    options?: CallOptions,
  ): Promise<{ hash: string; contents: Map<string, NessieContent> }> {
    const r = route('GET /trees/{ref}/contents', { ref: ref(refName) });
    const { body } = await this.http.request<{
      contents?: Array<{ key: { elements: string[] }; content: NessieContent }>;
      effectiveReference: NessieReference;
    }>(r, { ...options, query: { key: keys.map(contentKey) } });
    return {
      hash: body.effectiveReference.hash,
      contents: new Map(
        (body.contents ?? []).map(c => [c.key.elements.join('.'), c.content]),
      ),
    };
  }

  /**
   * One commit on `branch`, expected at `expectedHash`: Nessie refuses (ConflictError) when a key
   * it writes changed since. Returns the new head.
   */
  async commit(
    branch: string,
    expectedHash: string,
    request: NessieCommitRequest,
    options?: CallOptions,
  ): Promise<NessieReference> {
    for (const op of request.operations) contentKey(op.key.elements.join('.'));
    const r = route('POST /trees/{ref}@{hash}/history/commit', {
      ref: ref(branch),
      hash: hash(expectedHash),
    });
    const { body } = await this.http.request<{
      targetBranch: NessieReference;
    }>(r, {
      ...options,
      json: {
        commitMeta: {
          message: request.message,
          properties: request.properties ?? {},
          authors: request.authors ?? [],
        },
        operations: request.operations,
      },
    });
    return body.targetBranch;
  }

  async diff(
    fromRef: string,
    toRef: string,
    options?: CallOptions & { maxPages?: number },
  ): Promise<NessieDiffEntry[]> {
    const r = route('GET /trees/{from}/diff/{to}', {
      from: ref(fromRef),
      to: ref(toRef),
    });
    const diffs: NessieDiffEntry[] = [];
    let token: string | undefined;
    for (let pages = 0; pages < (options?.maxPages ?? 50); pages++) {
      const { body } = await this.http.request<
        Paged & { diffs: NessieDiffEntry[] }
      >(r, {
        ...options,
        query: { 'page-token': token },
      });
      diffs.push(...(body.diffs ?? []));
      if (!body.hasMore || !body.token) break;
      token = body.token;
    }
    return diffs;
  }

  /**
   * Points a branch at another commit (rollback). Fails with ConflictError when the branch
   * is no longer at `expectedHash`.
   */
  async assignBranch(
    name: string,
    expectedHash: string,
    toHash: string,
    options?: CallOptions,
  ): Promise<NessieReference> {
    const r = route('PUT /trees/{ref}@{hash}', {
      ref: ref(name),
      hash: hash(expectedHash),
    });
    const { body } = await this.http.request<{ reference: NessieReference }>(
      r,
      {
        ...options,
        query: { type: 'BRANCH' },
        json: { type: 'DETACHED', hash: hash(toHash) },
      },
    );
    return body.reference;
  }

  /** Deletes a branch or tag that is still at `expectedHash`. */
  async deleteReference(
    name: string,
    expectedHash: string,
    options?: CallOptions,
  ): Promise<void> {
    const r = route('DELETE /trees/{ref}@{hash}', {
      ref: ref(name),
      hash: hash(expectedHash),
    });
    await this.http.request(r, options);
  }

  private async createReference(
    type: NessieReferenceType,
    name: string,
    from: NessieSource,
    options?: CallOptions,
  ): Promise<NessieReference> {
    ref(name);
    ref(from?.name);
    const source = from.hash
      ? { type: from.type ?? 'BRANCH', name: from.name, hash: hash(from.hash) }
      : await this.getReference(from.name, options);
    const { body } = await this.http.request<{ reference: NessieReference }>(
      route('POST /trees'),
      {
        ...options,
        query: { name, type },
        json: { type: source.type, name: source.name, hash: source.hash },
      },
    );
    return body.reference;
  }
}
