// Adds up jest's and Playwright's JSON reports and the single-check stages of scripts/test,
// prints one line per source and the closing "N passed, N failed" line; exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const read = f =>
  fs.existsSync(path.join(dir, f))
    ? JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'))
    : undefined;
const rows = [];

for (const line of fs
  .readFileSync(path.join(dir, 'stages.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)) {
  const [name, result] = line.split('\t');
  rows.push([
    name,
    result === 'passed' ? 1 : 0,
    result === 'passed' ? 0 : 1,
    0,
  ]);
}
for (const [file, name] of [
  ['unit.json', 'unit tests (jest)'],
  ['integration.json', 'integration tests against the real stack (jest)'],
]) {
  const r = read(file);
  if (r)
    rows.push([
      name,
      r.numPassedTests,
      r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0),
      r.numPendingTests,
    ]);
}
for (const [file, name] of [
  ['e2e.json', 'end-to-end (playwright)'],
  ['faults.json', 'faults: upstreams stopped under the portal (playwright)'],
]) {
  const report = read(file);
  if (!report) continue;
  const s = report.stats;
  rows.push([
    name,
    s.expected,
    s.unexpected + s.flaky + (report.errors?.length ?? 0),
    s.skipped,
  ]);
}

let passed = 0,
  failed = 0,
  skipped = 0;
console.log('\nTest summary');
for (const [name, p, f, s] of rows) {
  console.log(
    `  ${f ? 'FAIL' : 'ok  '}  ${name}: ${p} passed, ${f} failed${
      s ? `, ${s} skipped` : ''
    }`,
  );
  passed += p;
  failed += f;
  skipped += s;
}
// Skipped tests count as failures: a test that cannot run must not look green.
if (skipped) failed += skipped;
console.log(`\nSummary: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
