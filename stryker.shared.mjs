/**
 * The Stryker settings every package shares (`pnpm check`'s mutation gate, scripts/mutation-gate.mjs; see docs/mutation-testing.md).
 *
 * - The sandbox lives at the repository root (`.stryker-tmp/sandbox-…`), two levels below it as a
 *   package is, so that every relative path a package's files use (`../../vitest.shared.js`, the
 *   spec's documents) resolves the same from the sandbox as from the package.
 * - Incremental: the result of the last run is a cache, `node_modules/.cache/stryker/<package>.json`
 *   (never committed), so that a run re-tests only the mutants whose code or covering tests changed.
 *   Which modules a run mutates is the gate's choice (scripts/mutation-gate.mjs).
 * - Score: killed + timed out over all valid mutants. Error-message text is not mutated: a
 *   `StringLiteral` mutant inside an error message is disabled where it is written, with
 *   `// Stryker disable next-line StringLiteral: message text` (the rule, applied everywhere).
 */
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';

/**
 * @param {object} settings
 * @param {string} settings.packageDir the package's directory (`import.meta.dirname`)
 * @param {string[]} settings.mutate the files to mutate, relative to the package
 * @param {number} [settings.breakAt] the score under which the run fails (`thresholds.break`)
 * @param {string} [settings.vitestConfig] the vitest config file the run uses
 * @param {boolean} [settings.ignoreStatic] leave out mutants of module-level code (a regular expression
 *   built when the module loads): Stryker can only test those by reloading every test file, and with
 *   per-test coverage it runs them only against the test that happened to load the module first
 */
export function strykerConfig({
  packageDir,
  mutate,
  breakAt = 90,
  vitestConfig = 'vitest.config.ts',
  ignoreStatic = true,
}) {
  const require = createRequire(`${packageDir}/package.json`);
  return {
    packageManager: 'pnpm',
    // Under pnpm, Stryker cannot find the runner by itself: load it from the package's own dependencies.
    plugins: [require.resolve('@stryker-mutator/vitest-runner')],
    testRunner: 'vitest',
    vitest: { configFile: vitestConfig },
    coverageAnalysis: 'perTest',
    mutate,
    ignoreStatic,
    incremental: true,
    incrementalFile: join(packageDir, '..', '..', 'node_modules', '.cache', 'stryker', `${basename(packageDir)}.json`),
    tempDirName: '../../.stryker-tmp',
    // Stryker rewrites the tsconfig's `extends` for a sandbox inside the package; ours sits at the
    // package's depth, where `../../tsconfig.base.json` is right as it is: name a file that does not exist.
    tsconfigFile: 'tsconfig.stryker-keeps-as-is.json',
    concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
    timeoutMS: 5_000,
    reporters: ['clear-text', 'progress-append-only', 'json'],
    jsonReporter: { fileName: 'reports/mutation/mutation.json' },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    thresholds: { high: 90, low: 80, break: breakAt },
  };
}
