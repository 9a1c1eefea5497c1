// Design-document views: JavaScript map functions (CouchDB's `function (doc) { emit(k, v) }`)
// evaluated in a node:vm context with a time limit, indexed incrementally by update sequence,
// queried by key / keys / key range like CouchDB. Reduce: the built-ins _count and _sum.
import vm from 'node:vm';
import { CouchError } from './store.mjs';

const MAP_TIMEOUT_MS = 1000;

/** CouchDB's view collation order: null < false < true < numbers < strings < arrays < objects. */
function rank(v) {
  if (v === null || v === undefined) return 0;
  if (v === false) return 1;
  if (v === true) return 2;
  if (typeof v === 'number') return 3;
  if (typeof v === 'string') return 4;
  if (Array.isArray(v)) return 5;
  return 6;
}
export function collate(a, b) {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 3) return a - b;
  // Code-point order; CouchDB uses ICU (which e.g. sorts "a" before "B"): documented difference.
  if (ra === 4) return a < b ? -1 : a > b ? 1 : 0;
  if (ra === 5) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = collate(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (ra === 6) {
    const ea = Object.entries(a);
    const eb = Object.entries(b);
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const c = collate(ea[i][0], eb[i][0]) || collate(ea[i][1], eb[i][1]);
      if (c !== 0) return c;
    }
    return ea.length - eb.length;
  }
  return 0;
}

function compileMap(source, where) {
  if (typeof source !== 'string')
    throw new CouchError(
      400,
      'invalid_design_doc',
      `${where}: map must be a string`,
    );
  // Only primitives (JSON text) cross into and out of the context, and emit is defined inside
  // it: the map function never holds a host object whose constructor would lead out of the sandbox.
  const context = vm.createContext(Object.create(null));
  try {
    vm.runInContext(
      `var __out = []; function emit(k, v) { __out.push([k === undefined ? null : k, v === undefined ? null : v]); }
       function log() {} var __map = (${source}\n);`,
      context,
      { timeout: MAP_TIMEOUT_MS },
    );
  } catch (e) {
    throw new CouchError(400, 'compilation_error', `${where}: ${e.message}`);
  }
  if (vm.runInContext('typeof __map', context) !== 'function')
    throw new CouchError(
      400,
      'compilation_error',
      `${where}: expression does not eval to a function`,
    );
  return doc => {
    context.__json = JSON.stringify(doc);
    try {
      return JSON.parse(
        vm.runInContext(
          '__out = []; __map(JSON.parse(__json)); JSON.stringify(__out)',
          context,
          {
            timeout: MAP_TIMEOUT_MS,
          },
        ),
      );
    } catch {
      return []; // like CouchDB: a document whose map throws is left out of the view
    }
  };
}

/** Checks a design document's views before it is stored (bad JavaScript → 400, like CouchDB). */
export function validateDesignDoc(doc) {
  const views = doc.views ?? {};
  if (typeof views !== 'object' || Array.isArray(views))
    throw new CouchError(400, 'invalid_design_doc', '`views` is not an object');
  for (const [name, view] of Object.entries(views)) {
    compileMap(view?.map, `views.${name}`);
    if (view.reduce !== undefined && !['_count', '_sum'].includes(view.reduce))
      throw new CouchError(
        400,
        'invalid_design_doc',
        `views.${name}: only the built-in reduces _count and _sum are supported`,
      );
  }
}

/** The index of one view: rows per document id, brought up to date before each query. */
class ViewIndex {
  constructor(db, ddocRev, viewDef) {
    this.db = db;
    this.ddocRev = ddocRev;
    this.map = compileMap(viewDef.map, 'map');
    this.reduce = viewDef.reduce;
    this.seq = 0;
    this.byDoc = new Map();
  }

  refresh() {
    for (const d of this.db.changesSince(this.seq)) {
      if (d.deleted || d.id.startsWith('_design/')) this.byDoc.delete(d.id);
      else
        this.byDoc.set(d.id, this.map({ _id: d.id, _rev: d.rev, ...d.body }));
      this.seq = Math.max(this.seq, d.seq);
    }
  }

  rows() {
    this.refresh();
    const rows = [];
    for (const [id, emitted] of this.byDoc)
      for (const [key, value] of emitted) rows.push({ id, key, value });
    return rows.sort(
      (a, b) =>
        collate(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
}

const indexes = new WeakMap(); // db -> Map(`${ddoc}/${view}` -> ViewIndex)

export function viewIndex(db, ddocId, viewName) {
  const ddoc = db.get(ddocId);
  const def = ddoc.views?.[viewName];
  if (!def) throw new CouchError(404, 'not_found', 'missing_named_view');
  if (!indexes.has(db)) indexes.set(db, new Map());
  const cache = indexes.get(db);
  const id = `${ddocId}/${viewName}`;
  let index = cache.get(id);
  if (!index || index.ddocRev !== ddoc._rev) {
    index = new ViewIndex(db, ddoc._rev, def);
    cache.set(id, index);
  }
  return index;
}

const sameKey = (a, b) => collate(a, b) === 0;

function inRange(key, q) {
  const [lo, hi] = q.descending
    ? [q.endkey, q.startkey]
    : [q.startkey, q.endkey];
  if (lo !== undefined && collate(key, lo) < 0) return false;
  if (hi !== undefined) {
    const c = collate(key, hi);
    if (c > 0 || (c === 0 && q.inclusive_end === false)) return false;
  }
  return true;
}

/** Selects rows like CouchDB's view query parameters (key, keys, startkey/endkey, descending, skip, limit). */
export function selectRows(rows, q) {
  let selected;
  if (q.keys)
    selected = q.keys.flatMap(k => rows.filter(r => sameKey(r.key, k)));
  else if (q.key !== undefined)
    selected = rows.filter(r => sameKey(r.key, q.key));
  else selected = rows.filter(r => inRange(r.key, q));
  if (q.descending && !q.keys) selected = [...selected].reverse();
  const skip = q.skip ?? 0;
  return selected.slice(
    skip,
    q.limit === undefined ? undefined : skip + q.limit,
  );
}

/** Built-in reduce over selected rows; grouped by full key when `group` is set. */
export function reduceRows(rows, reduce, group) {
  const combine = rs =>
    reduce === '_count'
      ? rs.length
      : rs.reduce((s, r) => s + (Number(r.value) || 0), 0);
  if (!group) return [{ key: null, value: combine(rows) }];
  const groups = [];
  for (const r of rows) {
    const last = groups[groups.length - 1];
    if (last && sameKey(last.key, r.key)) last.rows.push(r);
    else groups.push({ key: r.key, rows: [r] });
  }
  return groups.map(g => ({ key: g.key, value: combine(g.rows) }));
}
