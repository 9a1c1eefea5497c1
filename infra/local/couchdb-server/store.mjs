// Databases of the CouchDB-API server: documents with MVCC revisions, persisted as one
// append-only JSON-lines file per database (one line per new revision), loaded into memory at start.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** CouchDB's database-name rule without "/" (names become file names here). */
export const validDbName = name =>
  typeof name === 'string' && /^[a-z][a-z0-9_$()+-]{0,237}$/.test(name);

export class CouchError extends Error {
  constructor(status, error, reason) {
    super(reason);
    this.status = status;
    this.error = error;
    this.reason = reason;
  }
}

const revGeneration = rev => Number(String(rev).split('-')[0]);
const newRev = (previous, body) =>
  `${previous ? revGeneration(previous) + 1 : 1}-${createHash('md5')
    .update(`${previous ?? ''}\n${JSON.stringify(body)}`)
    .digest('hex')}`;

/** The body a client sent, without the fields this server owns. */
function bodyOf(doc) {
  const body = {};
  for (const [k, v] of Object.entries(doc)) {
    if (k === '_id' || k === '_rev' || k === '_deleted') continue;
    // CouchDB refuses unknown top-level underscore fields too (they are reserved).
    if (k.startsWith('_') && k !== '_attachments')
      throw new CouchError(
        400,
        'doc_validation',
        `Bad special document member: ${k}`,
      );
    body[k] = v;
  }
  return body;
}

class Database {
  constructor(name, file) {
    this.name = name;
    this.file = file;
    /** id -> {id, rev, seq, deleted, body} (only the current revision: no conflict branches). */
    this.docs = new Map();
    this.seq = 0;
    this.lines = 0;
    /** Notified after every committed write (views, longpoll _changes). */
    this.listeners = new Set();
  }

  load() {
    if (!fs.existsSync(this.file)) return;
    for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
      if (!line) continue;
      const entry = JSON.parse(line);
      this.docs.set(entry.id, entry);
      this.seq = Math.max(this.seq, entry.seq);
      this.lines += 1;
    }
    // Rewrite when most lines are superseded revisions: start-up stays proportional to live data.
    if (this.lines > 2 * this.docs.size + 1000) this.compact();
  }

  compact() {
    const tmp = `${this.file}.tmp`;
    const entries = [...this.docs.values()].sort((a, b) => a.seq - b.seq);
    fs.writeFileSync(tmp, entries.map(e => `${JSON.stringify(e)}\n`).join(''));
    fs.renameSync(tmp, this.file);
    this.lines = entries.length;
  }

  info() {
    let live = 0;
    for (const d of this.docs.values()) if (!d.deleted) live += 1;
    return {
      db_name: this.name,
      doc_count: live,
      doc_del_count: this.docs.size - live,
      update_seq: this.seq,
      sizes: {
        file: fs.existsSync(this.file) ? fs.statSync(this.file).size : 0,
      },
      instance_start_time: '0',
    };
  }

  get(id) {
    const d = this.docs.get(id);
    if (!d) throw new CouchError(404, 'not_found', 'missing');
    if (d.deleted) throw new CouchError(404, 'not_found', 'deleted');
    return { _id: d.id, _rev: d.rev, ...d.body };
  }

  /**
   * One new revision per document; a document that exists (and is not deleted) needs its
   * current _rev, anything else is a conflict — CouchDB's optimistic concurrency. Returns
   * per-document results like _bulk_docs and appends all successful revisions in one write.
   */
  write(docs) {
    const results = [];
    const entries = [];
    const pending = new Map();
    for (const doc of docs) {
      try {
        if (!doc || typeof doc !== 'object' || Array.isArray(doc))
          throw new CouchError(
            400,
            'bad_request',
            'Document must be a JSON object',
          );
        const id =
          doc._id ??
          createHash('md5')
            .update(`${Date.now()}${Math.random()}`)
            .digest('hex');
        if (
          typeof id !== 'string' ||
          id.length === 0 ||
          id.length > 1024 ||
          (id.startsWith('_') && !id.startsWith('_design/'))
        )
          throw new CouchError(
            400,
            'illegal_docid',
            'Only reserved document ids may start with underscore.',
          );
        const current = pending.get(id) ?? this.docs.get(id);
        const live = current && !current.deleted;
        if (live && doc._rev !== current.rev)
          throw new CouchError(409, 'conflict', 'Document update conflict.');
        if (
          !live &&
          doc._rev !== undefined &&
          (!current || doc._rev !== current.rev)
        )
          throw new CouchError(409, 'conflict', 'Document update conflict.');
        const deleted = doc._deleted === true;
        if (deleted && !live) throw new CouchError(404, 'not_found', 'missing');
        const body = deleted ? {} : bodyOf(doc);
        const rev = newRev(current?.rev, body);
        const entry = {
          id,
          rev,
          seq: this.seq + entries.length + 1,
          deleted,
          body,
        };
        entries.push(entry);
        pending.set(id, entry);
        results.push({ ok: true, id, rev });
      } catch (e) {
        if (!(e instanceof CouchError)) throw e;
        results.push({ id: doc?._id, error: e.error, reason: e.reason });
      }
    }
    if (entries.length > 0) {
      // Durable before it is visible or acknowledged.
      fs.appendFileSync(
        this.file,
        entries.map(e => `${JSON.stringify(e)}\n`).join(''),
      );
      this.lines += entries.length;
      for (const e of entries) this.docs.set(e.id, e);
      this.seq += entries.length;
      for (const listener of this.listeners) listener();
    }
    return results;
  }

  /** Current revisions ordered by update sequence, after `since`. */
  changesSince(since) {
    return [...this.docs.values()]
      .filter(d => d.seq > since)
      .sort((a, b) => a.seq - b.seq);
  }
}

export class Store {
  constructor(root) {
    this.root = root;
    fs.mkdirSync(root, { recursive: true });
    this.dbs = new Map();
    for (const f of fs.readdirSync(root)) {
      const m = /^(.+)\.jsonl$/.exec(f);
      if (!m || !validDbName(m[1])) continue;
      const db = new Database(m[1], path.join(root, f));
      db.load();
      this.dbs.set(db.name, db);
    }
  }

  names() {
    return [...this.dbs.keys()].sort();
  }

  db(name) {
    const db = validDbName(name) ? this.dbs.get(name) : undefined;
    if (!db) throw new CouchError(404, 'not_found', 'Database does not exist.');
    return db;
  }

  create(name) {
    if (!validDbName(name))
      throw new CouchError(
        400,
        'illegal_database_name',
        `Name: '${String(name).slice(
          0,
          80,
        )}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, and - are allowed. Must begin with a letter.`,
      );
    if (this.dbs.has(name))
      throw new CouchError(
        412,
        'file_exists',
        'The database could not be created, the file already exists.',
      );
    const db = new Database(name, path.join(this.root, `${name}.jsonl`));
    fs.writeFileSync(db.file, '');
    this.dbs.set(name, db);
  }

  drop(name) {
    const db = this.db(name);
    fs.rmSync(db.file, { force: true });
    this.dbs.delete(name);
    for (const listener of db.listeners) listener();
  }
}
