import {
  authoredSelectProblem,
  flinkTypeProblem,
  MAX_SELECT_LENGTH,
} from './flinkSqlText';
import { parsePipelineSpec } from './pipelineSpec';
import { fraudDetectionExample } from './examples';

describe('flinkTypeProblem', () => {
  it.each([
    'BIGINT',
    'INT',
    'STRING',
    'BOOLEAN',
    'DECIMAL(12, 2)',
    'DECIMAL(38,18)',
    'VARCHAR(16)',
    'TIMESTAMP(3)',
    'TIMESTAMP_LTZ(3)',
    'DATE',
    'BYTES',
  ])('accepts %s', type => expect(flinkTypeProblem(type)).toBeUndefined());
  it.each([
    ['bigint', /upper-case Flink SQL type/],
    ['BIGINT NOT NULL', /nullability goes in "nullable"/],
    ['DECIMAL(12)', /needs a precision and a scale/],
    ['DECIMAL(40, 2)', /precision must be 1..38/],
    ['DECIMAL(2, 5)', /scale must not exceed/],
    ['TIMESTAMP(12)', /precision must be 0..9/],
    ['VARCHAR(0)', /length must be 1..65535/],
    ['INT) WITH (', /upper-case Flink SQL type/],
    ['ROW<a INT>', /upper-case Flink SQL type/],
  ])('rejects %j', (type, message) =>
    expect(flinkTypeProblem(type)).toMatch(message),
  );
});

describe('authoredSelectProblem', () => {
  it.each([
    'SELECT 1',
    '  with x AS (SELECT 1 AS a) SELECT a FROM x',
    "SELECT `method`, 'a-b' FROM t\nWHERE x = 1\tAND y = U&'\\00e0'",
  ])('accepts %j', text => expect(authoredSelectProblem(text)).toBeUndefined());

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['SELECT 1; DROP TABLE x', /must not contain ";"/],
    ['SELECT 1 FROM t;', /must not contain ";"/],
    ['SELECT 1 -- swallow', /must not contain comments/],
    ['SELECT 1 /* x */', /must not contain comments/],
    ['DROP TABLE x', /must start with SELECT or WITH/],
    ['INSERT INTO x SELECT 1', /must start with SELECT or WITH/],
    ['SELECTED', /must start with SELECT or WITH/],
    ['SELECT 1\u0000', /control character/],
    ['SELECT \u202e1', /non-ASCII/],
    ["SELECT '\u0430'", /non-ASCII/],
    ['SELECT 1 FROM t\u200b', /non-ASCII/],
    [`SELECT ${'1'.repeat(MAX_SELECT_LENGTH)}`, /at most 20000 allowed/],
  ])('rejects %j', (text, message) =>
    expect(authoredSelectProblem(text)).toMatch(message),
  );

  it('reports the field path and the rule, without echoing the SQL', () => {
    const input = JSON.parse(JSON.stringify(fraudDetectionExample));
    input.derivedTables[0].select = 'SELECT 1; DROP TABLE secret_payload';
    input.kafkaSinks[0].columns[0].type = 'INT) WITH (';
    const result = parsePipelineSpec(input);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.errors).toEqual([
      'derivedTables.0.select: authoredSelect: must not contain ";" (one SELECT per field; the renderer ends the statement)',
      expect.stringMatching(
        /^kafkaSinks\.0\.columns\.0\.type: flinkType: must be an upper-case Flink SQL type/,
      ),
    ]);
    expect(result.message).not.toContain('secret_payload');
  });
});
