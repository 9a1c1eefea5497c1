import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { sizeByOwner } from './sourceMap';
import type { Row } from './table';

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
  /** The owner with the most generated text in the chunk (see sourceMap.ownerOf). */
  owner: string;
  /** Characters per owner, from the chunk's source map. */
  owners: Record<string, number>;
}

/** Every JavaScript chunk of a production build, gzipped (zlib's default level, as servers use). */
export function readChunks(distDir: string): Chunk[] {
  const dir = path.join(distDir, 'static');
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.js'))
    .map(file => {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      const mapFile = path.join(dir, `${file}.map`);
      const owners = fs.existsSync(mapFile)
        ? Object.fromEntries(
            sizeByOwner(text, JSON.parse(fs.readFileSync(mapFile, 'utf8'))),
          )
        : { unmapped: text.length };
      const owner =
        Object.entries(owners).sort((a, b) => b[1] - a[1])[0]?.[0] ??
        'unmapped';
      return {
        file,
        bytes: Buffer.byteLength(text),
        gzipBytes: zlib.gzipSync(text).length,
        owner,
        owners,
      };
    });
}

/**
 * Our frontend plugins' chunks: those whose largest part is a plugin of this repository. One
 * row per plugin: its largest chunk (the target is per chunk). Our code inside chunks owned by
 * others (the app's entry bundles each plugin's definition) is reported in the raw numbers.
 */
export function bundleRows(chunks: Chunk[]): { rows: Row[]; raw: unknown } {
  const ours = chunks.filter(c => c.owner.startsWith('plugins/'));
  const plugins = [...new Set(ours.map(c => c.owner))].sort();
  const rows: Row[] = plugins.map(plugin => {
    const mine = ours
      .filter(c => c.owner === plugin)
      .sort((a, b) => b.gzipBytes - a.gzipBytes);
    const total = mine.reduce((a, c) => a + c.gzipBytes, 0);
    return {
      figure: `gzip of ${plugin}'s largest chunk (${mine.length} chunk${
        mine.length > 1 ? 's' : ''
      }, ${(total / 1024).toFixed(1)} kB together)`,
      unit: 'kB',
      ours: mine[0].gzipBytes / 1024,
      target: { max: 150, text: '< 150 kB each' },
    };
  });
  const elsewhere = chunks
    .filter(c => !c.owner.startsWith('plugins/'))
    .map(c => ({
      file: c.file,
      owner: c.owner,
      gzipKb: +(c.gzipBytes / 1024).toFixed(1),
      ourChars: Object.entries(c.owners)
        .filter(([o]) => o.startsWith('plugins/'))
        .reduce((a, [, n]) => a + n, 0),
    }))
    .filter(c => c.ourChars > 0);
  return {
    rows,
    raw: {
      ourChunks: ours.map(c => ({
        file: c.file,
        owner: c.owner,
        gzipKb: +(c.gzipBytes / 1024).toFixed(1),
        kb: +(c.bytes / 1024).toFixed(1),
      })),
      ourCodeInOtherChunks: elsewhere,
      allChunks: chunks.length,
      allGzipKb: +(chunks.reduce((a, c) => a + c.gzipBytes, 0) / 1024).toFixed(
        1,
      ),
    },
  };
}
