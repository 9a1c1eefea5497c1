import { parsePipelineSpec } from './pipelineSpec';
import {
  semanticBaseInput,
  semanticHostileInputs,
  SEMANTIC_TEST_SCOPE,
} from './hostileCases';
import { inputScopeProblems } from './inputScope';

/**
 * Well-formed specs that reach for what they do not own: each is refused by the layer it names,
 * and the layers before it let it through (so the test proves which rule refuses it).
 */
const CASES = semanticHostileInputs();

function layersOf(input: unknown) {
  const parsed = parsePipelineSpec(input);
  if (!parsed.success) return { spec: parsed.errors, scope: [] as string[] };
  return {
    spec: [] as string[],
    scope: inputScopeProblems(parsed.spec, SEMANTIC_TEST_SCOPE),
  };
}

describe('semantic hostile input', () => {
  it('positive control: the scoped example passes the spec and the scope', () => {
    expect(layersOf(semanticBaseInput())).toEqual({ spec: [], scope: [] });
  });

  it('covers each layer', () => {
    expect(new Set(CASES.map(c => c.layer))).toEqual(
      new Set(['spec', 'scope', 'plan']),
    );
  });

  const byLayer = (layer: string) =>
    CASES.filter(c => c.layer === layer).map(c => [c.label, c] as const);

  it.each(byLayer('spec'))('the spec refuses %s', (_, c) => {
    expect(layersOf(c.input).spec.join('\n')).toContain(c.message);
  });

  it.each(byLayer('scope'))('the scope refuses %s', (_, c) => {
    const { spec, scope } = layersOf(c.input);
    expect(spec).toEqual([]);
    expect(scope.join('\n')).toContain(c.message);
  });

  // Refused on the real SQL Gateway (planScope, pipeline-backend's integration test); here they
  // must pass the other layers, or the plan check would never be what refuses them.
  it.each(byLayer('plan'))('%s reaches the plan check', (_, c) => {
    expect(layersOf(c.input)).toEqual({ spec: [], scope: [] });
  });

  it('a platform pipeline keeps its historical names but not its sources', () => {
    const input = semanticBaseInput();
    input.flinkJob.name = 'commerce-orders-to-paimon';
    input.sources[0].host = '10.0.0.5';
    const parsed = parsePipelineSpec(input);
    if (!parsed.success) throw new Error(parsed.message);
    expect(
      inputScopeProblems(parsed.spec, SEMANTIC_TEST_SCOPE, { platform: true }),
    ).toEqual([
      'sources.0: mariadb 10.0.0.5:3307/commerce is not a configured source (dataPlatform.sources); configured: commerce_mariadb (mariadb 127.0.0.1:3307/commerce)',
    ]);
  });
});
