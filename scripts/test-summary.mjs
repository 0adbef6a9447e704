/**
 * Adds up the vitest JSON reports (reports/vitest.json, cached by turbo with the task) of every package
 * that has the given task (`test`, the default, for `pnpm test`; `check` for `pnpm check`'s release-level
 * suites) and prints one closing line, `tests: N passed, N failed`, plus any failed test names.
 * Exits non-zero when a test failed or when no test ran at all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const task = process.argv[2] ?? 'test';
const roots = ['packages', 'apps', 'tools'].filter((root) => existsSync(root));
const hasTask = (dir) => {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.[task] !== undefined;
};
let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const root of roots) {
  for (const name of readdirSync(root)) {
    const file = join(root, name, 'reports', 'vitest.json');
    if (!hasTask(join(root, name)) || !existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    for (const suite of report.testResults) {
      for (const test of suite.assertionResults) {
        if (test.status === 'failed') failures.push(`${join(root, name)}: ${test.fullName}`);
      }
    }
  }
}
for (const failure of failures) console.error(`failed: ${failure}`);
console.log(`${task === 'test' ? 'tests' : task}: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
