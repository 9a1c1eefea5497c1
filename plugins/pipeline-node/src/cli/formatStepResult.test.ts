import { formatStepResult } from './formatStepResult';

describe('formatStepResult', () => {
  it('prints one line per change, with the step, outcome and detail', () => {
    expect(
      formatStepResult('fraud-detection-cep', {
        step: 'topics',
        component: 'kafka',
        dryRun: false,
        changes: [
          { target: 'fraud_alerts', outcome: 'created' },
          {
            target: 'behavior',
            outcome: 'unchanged',
            detail: 'read-only input stream',
          },
        ],
      }),
    ).toBe(
      '[fraud-detection-cep] topics: fraud_alerts created\n' +
        '[fraud-detection-cep] topics: behavior unchanged (read-only input stream)\n',
    );
  });

  it('says when a step had nothing to do, and marks dry runs', () => {
    expect(
      formatStepResult('p', {
        step: 'connectors',
        component: 'kafka-connect',
        dryRun: true,
        changes: [],
      }),
    ).toBe('[p] connectors (dry run): nothing to do\n');
  });
});
