import { z } from 'zod';

/**
 * Rules for the two pieces of Flink SQL text a spec may carry besides validated names:
 * column types of streams, sinks and derived tables, and the authored SELECT of a derived
 * table or Kafka sink. Messages never echo the value (it may hold control characters).
 */

const SIMPLE_TYPES = [
  'BOOLEAN',
  'TINYINT',
  'SMALLINT',
  'INT',
  'INTEGER',
  'BIGINT',
  'FLOAT',
  'DOUBLE',
  'DATE',
  'STRING',
  'BYTES',
];
const PARAM_TYPE =
  /^(DECIMAL|CHAR|VARCHAR|TIME|TIMESTAMP|TIMESTAMP_LTZ)\((\d{1,5})(?:, ?(\d{1,2}))?\)$/;

/** Why `type` is not a Flink column type the spec accepts, or undefined. */
export function flinkTypeProblem(type: string): string | undefined {
  if (SIMPLE_TYPES.includes(type)) return undefined;
  const m = PARAM_TYPE.exec(type);
  if (!m) {
    return `must be an upper-case Flink SQL type: ${SIMPLE_TYPES.join(
      ', ',
    )}, DECIMAL(p, s), CHAR(n), VARCHAR(n), TIME(p), TIMESTAMP(p) or TIMESTAMP_LTZ(p); nullability goes in "nullable"`;
  }
  const [, base, first, second] = m;
  const p = Number(first);
  if (base === 'DECIMAL') {
    if (second === undefined)
      return 'DECIMAL needs a precision and a scale, e.g. DECIMAL(12, 2)';
    if (p < 1 || p > 38) return 'DECIMAL precision must be 1..38';
    if (Number(second) > p)
      return 'DECIMAL scale must not exceed the precision';
    return undefined;
  }
  if (second !== undefined) return `${base} takes one parameter`;
  if (base === 'CHAR' || base === 'VARCHAR')
    return p >= 1 && p <= 65535 ? undefined : `${base} length must be 1..65535`;
  return p <= 9 ? undefined : `${base} precision must be 0..9`;
}

export const flinkColumnType = z.string().superRefine((value, ctx) => {
  const problem =
    value.length > 40
      ? 'is longer than 40 characters'
      : flinkTypeProblem(value);
  if (problem)
    ctx.addIssue({ code: 'custom', message: `flinkType: ${problem}` });
});

/** Precision of TIMESTAMP(p) / TIMESTAMP_LTZ(p), or undefined for other types. */
export function timestampPrecision(type: string): number | undefined {
  const m = /^TIMESTAMP(?:_LTZ)?\((\d)\)$/.exec(type);
  return m ? Number(m[1]) : undefined;
}

export const MAX_SELECT_LENGTH = 20_000;

/**
 * Why an authored SELECT cannot be embedded in the job, or undefined. This is a shape check
 * that keeps the text inside its own INSERT (no `;` to end it, no comment to swallow the
 * renderer's terminator, no look-alike or bidi characters that make reviewed SQL differ from
 * what runs). Whether the SELECT is right (tables, columns, types) is decided by the SQL
 * Gateway: the deploy runs `EXPLAIN` of the whole job before submitting it. Which tables a
 * SELECT may read is a catalog-permission question, not one this rule answers.
 */
export function authoredSelectProblem(text: string): string | undefined {
  if (text.trim().length === 0) return 'is empty';
  if (text.length > MAX_SELECT_LENGTH)
    return `is ${text.length} characters long, at most ${MAX_SELECT_LENGTH} allowed`;
  const bad = [...text].find(ch => {
    const code = ch.codePointAt(0)!;
    return (code < 0x20 && !'\n\r\t'.includes(ch)) || code === 0x7f;
  });
  if (bad)
    return 'contains a control character (only newline and tab are allowed)';
  if ([...text].some(ch => ch.codePointAt(0)! > 0x7e))
    return "contains non-ASCII characters (look-alike and bidi characters could make reviewed SQL differ from what runs; write non-ASCII literals as U&'\\00e0')";
  if (text.includes(';'))
    return 'must not contain ";" (one SELECT per field; the renderer ends the statement)';
  if (text.includes('--') || text.includes('/*'))
    return 'must not contain comments ("--", "/*"): they could swallow the renderer\'s statement terminator';
  if (!/^\s*(SELECT|WITH)\b/i.test(text))
    return 'must start with SELECT or WITH';
  return undefined;
}

export const authoredSelect = z.string().superRefine((value, ctx) => {
  const problem = authoredSelectProblem(value);
  if (problem)
    ctx.addIssue({ code: 'custom', message: `authoredSelect: ${problem}` });
});
