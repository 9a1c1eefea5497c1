import { parsePipelineSpec } from '../pipelineSpec';
import { USE_CASE_EXAMPLES } from '../examples';
import { renderFlinkJob, renderPaimonDdl, toSqlScript } from '../render';

describe('use-case examples', () => {
  it.each(Object.entries(USE_CASE_EXAMPLES))(
    '%s parses and renders',
    (_, example) => {
      const result = parsePipelineSpec(example);
      if (!result.success) throw new Error(result.message);
      expect(renderPaimonDdl(result.spec).length).toBeGreaterThan(1);
      expect(toSqlScript(renderFlinkJob(result.spec))).toContain(
        'EXECUTE STATEMENT SET BEGIN',
      );
    },
  );
});
