import '@testing-library/jest-dom';

// CodeMirror measures text through Range geometry, which jsdom does not implement.
if (typeof Range !== 'undefined') {
  const empty = () => ({
    x: 0,
    y: 0,
    top: 0,
    left: 0,
    right: 0,
    bottom: 0,
    width: 0,
    height: 0,
    toJSON: () => ({}),
  });
  Range.prototype.getClientRects = () =>
    ({
      length: 0,
      item: () => null,
      [Symbol.iterator]: [][Symbol.iterator],
    } as any);
  Range.prototype.getBoundingClientRect = empty as any;
}
