import { parsePipelineSpec } from './pipelineSpec';
import { exampleInput } from './testSupport';
import { generateHostileCases } from './hostileCases';

/** Each generated case must fail, with an error line whose path is the field and whose message names the rule. */

const CASES = generateHostileCases();

describe('hostile input', () => {
  it('generates at least 200 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
  });

  it.each(CASES.map(c => [c.label, c] as const))(
    'rejects %s',
    (_, { target, value }) => {
      const input = exampleInput();
      target.set(input, value);
      const result = parsePipelineSpec(input);
      expect(result.success).toBe(false);
      if (result.success) return;
      const line = result.errors.find(e => e.startsWith(`${target.path}: `));
      expect(line).toBeDefined();
      expect(line).toMatch(
        new RegExp(
          `^${target.path.replace(/\./g, '\\.')}: ${target.rule}: \\S`,
        ),
      );
      // Error text goes to logs and UIs: it must not carry the payload's control or invisible characters.
      for (const error of result.errors) {
        expect(
          [...error].every(
            ch => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) < 0x7f,
          ),
        ).toBe(true);
      }
    },
  );
});
