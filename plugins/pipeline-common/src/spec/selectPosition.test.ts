import {
  locateAuthoredSelectProblem,
  plannerPosition,
  positionAt,
} from './selectPosition';

describe('positions in an authored SELECT', () => {
  it('turns an offset into a 1-based line and column', () => {
    expect(positionAt('SELECT a,\n  b FROM t', 12)).toEqual({
      line: 2,
      column: 3,
    });
  });

  it.each([
    ['a second statement', 'SELECT 1\nFROM t; DROP TABLE x', 2, 7],
    ['a comment', 'SELECT 1 -- hidden\nFROM t', 1, 10],
    ['a look-alike letter', 'SELECT \u0430 FROM t', 1, 8],
    ['a control character', 'SELECT 1\nFROM\u0000 t', 2, 5],
  ])('places %s at its character', (_, text, line, column) => {
    expect(locateAuthoredSelectProblem(text)?.position).toEqual({
      line,
      column,
    });
  });

  it('has no place for problems of the whole text', () => {
    expect(locateAuthoredSelectProblem('UPDATE t SET a = 1')).toEqual({
      message: 'must start with SELECT or WITH',
    });
    expect(locateAuthoredSelectProblem('SELECT 1 FROM t')).toBeUndefined();
  });

  it('moves the planner’s place and its words onto the SELECT', () => {
    expect(
      plannerPosition(
        'SQL parse failed. Encountered "FROMM" at line 20, column 1.',
        1,
      ),
    ).toEqual({
      message: 'SQL parse failed. Encountered "FROMM" at line 19, column 1.',
      position: { line: 19, column: 1 },
    });
    expect(
      plannerPosition(
        "From line 4, column 54 to line 4, column 67: Column 'x' not found",
        1,
      ),
    ).toEqual({
      message:
        "From line 3, column 54 to line 3, column 67: Column 'x' not found",
      position: { line: 3, column: 54, endLine: 3, endColumn: 67 },
    });
  });

  it('keeps a place before the SELECT (the INSERT around it) out', () => {
    expect(
      plannerPosition('At line 1, column 13: Object not found', 1),
    ).toEqual({ message: 'At line 1, column 13: Object not found' });
  });
});
