/**
 * Which source files a built chunk's bytes come from, read from its source map: every mapping
 * segment covers the generated text up to the next segment of its line (the last one up to the
 * line's end), and is attributed to its source. Unmapped text counts under `null`.
 */

const BASE64 =
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one segment's base64 VLQ fields. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined)
      throw new Error(`invalid base64 VLQ character ${JSON.stringify(c)}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value % 2 === 1 ? -Math.floor(value / 2) : Math.floor(value / 2));
    value = 0;
    shift = 0;
  }
  if (shift) throw new Error('VLQ segment ends inside a value');
  return out;
}

export interface SourceMapLike {
  sources: string[];
  mappings: string;
}

/** Generated characters per source index (key -1: text no segment maps to a source). */
export function generatedSizeBySource(
  generated: string,
  map: SourceMapLike,
): Map<number, number> {
  const lines = generated.split('\n');
  const sizes = new Map<number, number>();
  const add = (source: number, n: number) =>
    n > 0 && sizes.set(source, (sizes.get(source) ?? 0) + n);
  let source = 0;
  const mapped = map.mappings.split(';');
  for (let l = 0; l < lines.length; l++) {
    const length = lines[l].length;
    const segments: { col: number; source: number }[] = [];
    let col = 0;
    for (const text of (mapped[l] ?? '').split(',')) {
      if (!text) continue;
      const fields = decodeVlq(text);
      col += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        segments.push({ col, source });
      } else segments.push({ col, source: -1 });
    }
    segments.sort((a, b) => a.col - b.col);
    add(-1, segments.length ? segments[0].col : length);
    segments.forEach((s, i) =>
      add(
        s.source,
        Math.min(length, segments[i + 1]?.col ?? length) -
          Math.min(length, s.col),
      ),
    );
  }
  return sizes;
}

/**
 * Who a source file belongs to: `plugins/<name>` or `packages/<name>` of this repository, the
 * npm package for `node_modules/…` (scoped names kept whole), else `other`.
 */
export function ownerOf(source: string): string {
  const path = decodeURIComponent(source.replace(/^[a-z]+:\/\/\/?/, '/'));
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = path.slice(nm + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const ours = /\/(plugins|packages)\/([^/]+)\/src\//.exec(path);
  return ours ? `${ours[1]}/${ours[2]}` : 'other';
}

/** Generated characters per owner (see ownerOf); unmapped text under `unmapped`. */
export function sizeByOwner(
  generated: string,
  map: SourceMapLike,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [index, size] of generatedSizeBySource(generated, map)) {
    const owner = index < 0 ? 'unmapped' : ownerOf(map.sources[index] ?? '');
    out.set(owner, (out.get(owner) ?? 0) + size);
  }
  return out;
}
