// Plain HTML pages (every value escaped) and the content type of raw files.
import path from 'node:path';

const TYPES = {
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'text/plain; charset=utf-8', // never rendered: an SVG can carry script
  '.gif': 'image/gif',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};
/** Known types by extension; everything else as plain text, so HTML or JS in a repository is never rendered. */
export const contentType = file =>
  TYPES[path.posix.extname(file).toLowerCase()] ?? 'text/plain; charset=utf-8';

export const escape = s =>
  String(s).replace(
    /[&<>"']/g,
    c =>
      ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[
        c
      ]),
  );
const href = (...segments) =>
  segments
    .flatMap(s => s.split('/'))
    .filter(Boolean)
    .map(encodeURIComponent)
    .join('/');

function layout(title, body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
code,pre{background:#f4f4f4;padding:.15rem .35rem;border-radius:3px}ul{line-height:1.7}a{color:#0b5cad}</style>
</head><body>${body}</body></html>\n`;
}

function fileList(owner, name, branch, dir, files) {
  if (files.length === 0) return '<p>No files on this branch yet.</p>';
  const items = files.map(
    f =>
      `<li><a href="/${href(owner, name, 'raw', branch, dir, f)}">${escape(
        f,
      )}</a></li>`,
  );
  return `<ul>${items.join('')}</ul>`;
}

export function repoPage({
  owner,
  name,
  description,
  branch,
  files,
  cloneUrl,
}) {
  return layout(
    `${owner}/${name}`,
    `<h1>${escape(owner)}/${escape(name)}</h1>
${description ? `<p>${escape(description)}</p>` : ''}
<p>Clone: <code>git clone ${escape(cloneUrl)}</code></p>
<h2>Files on <code>${escape(branch)}</code></h2>
${fileList(owner, name, branch, '', files)}`,
  );
}

export function directoryPage({ owner, name, branch, dir, files }) {
  return layout(
    `${owner}/${name}/${dir}`,
    `<h1><a href="/${href(owner, name)}">${escape(owner)}/${escape(
      name,
    )}</a> / ${escape(dir || '')}</h1>
<h2>Files on <code>${escape(branch)}</code></h2>
${fileList(owner, name, branch, dir, files)}`,
  );
}
