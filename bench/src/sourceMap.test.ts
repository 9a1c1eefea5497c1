import {
  decodeVlq,
  generatedSizeBySource,
  ownerOf,
  sizeByOwner,
} from './sourceMap';

describe('decodeVlq', () => {
  it('decodes signs and continuation digits', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('C')).toEqual([1]);
    expect(decodeVlq('D')).toEqual([-1]);
    expect(decodeVlq('gB')).toEqual([16]);
    expect(decodeVlq('ICAA')).toEqual([4, 1, 0, 0]);
  });

  it('refuses what is not VLQ', () => {
    expect(() => decodeVlq('A*')).toThrow(/invalid/);
    expect(() => decodeVlq('g')).toThrow(/inside a value/);
  });
});

describe('generatedSizeBySource', () => {
  // Line 0 "abcdefghij": [0,4) source 0, [4,7) source 1, [7,10) unmapped.
  // Line 1 "xyz": [0,1) unmapped (before the first segment), [1,3) source 0.
  const map = { sources: ['a.ts', 'b.ts'], mappings: 'AAAA,ICAA,G;CDAA' };

  it('gives each segment the text up to the next one', () => {
    const sizes = generatedSizeBySource('abcdefghij\nxyz', map);
    expect(Object.fromEntries(sizes)).toEqual({ 0: 6, 1: 3, [-1]: 4 });
  });

  it('counts lines without mappings as unmapped', () => {
    const sizes = generatedSizeBySource('abcdefghij\nxyz\nlast', map);
    expect(sizes.get(-1)).toBe(8);
  });
});

describe('ownerOf and sizeByOwner', () => {
  it('names repository packages, npm packages (scoped whole) and the rest', () => {
    expect(
      ownerOf('file:///repo/plugins/flink/src/components/FlinkFleetPage.tsx'),
    ).toBe('plugins/flink');
    expect(ownerOf('file:///repo/packages/app/src/App.tsx')).toBe(
      'packages/app',
    );
    expect(
      ownerOf('file:///repo/node_modules/@backstage/ui/dist/index.esm.js'),
    ).toBe('@backstage/ui');
    expect(ownerOf('file:///repo/node_modules/react/index.js')).toBe('react');
    // A package nested in another's node_modules belongs to the inner one.
    expect(ownerOf('file:///r/node_modules/a/node_modules/lodash/get.js')).toBe(
      'lodash',
    );
    expect(ownerOf('webpack/runtime/chunk loaded')).toBe('other');
  });

  it('sums generated text per owner', () => {
    const map = {
      sources: [
        'file:///r/plugins/nessie/src/x.tsx',
        'file:///r/node_modules/react/index.js',
      ],
      mappings: 'AAAA,ICAA,G;CDAA',
    };
    expect(Object.fromEntries(sizeByOwner('abcdefghij\nxyz', map))).toEqual({
      'plugins/nessie': 6,
      react: 3,
      unmapped: 4,
    });
  });
});
