import { authoredSelectProblem } from './flinkSqlText';

/** A place in an authored SELECT, 1-based, as an editor shows it. */
export interface SqlPosition {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Line and column (1-based) of a character offset. */
export function positionAt(text: string, offset: number): SqlPosition {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/** Where the first character breaking the authoredSelect rule is, when one character is the reason. */
function offendingOffset(text: string): number {
  const chars = [...text];
  let offset = 0;
  for (const ch of chars) {
    const code = ch.codePointAt(0)!;
    if ((code < 0x20 && !'\n\r\t'.includes(ch)) || code >= 0x7f) return offset;
    offset += ch.length;
  }
  const found = [';', '--', '/*']
    .map(token => text.indexOf(token))
    .filter(i => i >= 0);
  return found.length ? Math.min(...found) : -1;
}

/**
 * The spec's rule for an authored SELECT (authoredSelectProblem), with the place of the
 * character it objects to, so a form can mark it before asking the planner.
 */
export function locateAuthoredSelectProblem(
  text: string,
): { message: string; position?: SqlPosition } | undefined {
  const message = authoredSelectProblem(text);
  if (!message) return undefined;
  // Only these reasons point at one character; emptiness, length and the first word do not.
  if (!/^(contains|must not contain)/.test(message)) return { message };
  const offset = offendingOffset(text);
  return offset >= 0
    ? { message, position: positionAt(text, offset) }
    : { message };
}

const PLANNER_POSITION =
  /\b([Aa]t|[Ff]rom) line (\d+), column (\d+)(?: to line (\d+), column (\d+))?/g;

/**
 * The first place a Flink planner message names (`At line 2, column 3`, `From line 1, column 8 to
 * line 1, column 9`, `Encountered "x" at line 3, column 10`), moved by `lineOffset` lines (the
 * statement around the SELECT), and the message with its numbers moved the same way. A place
 * before the SELECT (in the statement around it) is dropped.
 */
export function plannerPosition(
  message: string,
  lineOffset: number,
): { message: string; position?: SqlPosition } {
  let position: SqlPosition | undefined;
  const moved = message.replace(
    PLANNER_POSITION,
    (whole, word: string, l1: string, c1: string, l2?: string, c2?: string) => {
      const line = Number(l1) - lineOffset;
      if (line < 1) return whole;
      const here: SqlPosition = { line, column: Number(c1) };
      if (l2 && c2) {
        here.endLine = Number(l2) - lineOffset;
        here.endColumn = Number(c2);
      }
      position ??= here;
      return l2
        ? `${word} line ${line}, column ${c1} to line ${here.endLine}, column ${c2}`
        : `${word} line ${line}, column ${c1}`;
    },
  );
  return position ? { message: moved, position } : { message: moved };
}
