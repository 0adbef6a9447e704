/**
 * The mutation gate of `pnpm check`: Stryker on the modules where users' safety lives (each package's
 * `stryker.config.mjs` names them), limited to what changed since the last release, each package
 * failing under its `thresholds.break` (90 %).
 *
 * What runs, per package (signing, client, cli, emulator):
 * - the base is the last release: the last commit that changed `packages/spec/released/release.json`
 *   (`pnpm release:version` writes it), or `MUTATION_BASE=<git ref>`;
 * - a mutated module runs when it, or a test file named after it (`foo.test.ts`, `foo.property.test.ts`
 *   for `foo.ts`), changed since the base (committed or not);
 * - the whole package runs when its Stryker or vitest settings, the shared ones, or a source file that is
 *   neither mutated nor a test (test support) changed, and with `--full`.
 * Stryker's incremental result is a cache in `node_modules/.cache/stryker/` (never committed), so a second
 * local run re-tests only the mutants whose code or covering tests changed since the first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { basename, join, matchesGlob, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = join(import.meta.dirname, '..');
const full = process.argv.includes('--full');
const SHARED_SETTINGS = ['stryker.shared.mjs', 'vitest.shared.ts'];
const PACKAGE_SETTINGS = ['stryker.config.mjs', 'vitest.stryker.config.ts', 'vitest.config.ts'];

const git = (...args) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
const lines = (text) => text.split('\n').filter(Boolean);

function releaseBase() {
  if (process.env.MUTATION_BASE) return process.env.MUTATION_BASE;
  return git('log', '-1', '--format=%H', '--', 'packages/spec/released/release.json') || null;
}

/** Repository-relative paths changed since `base`: commits, the work tree, and new files. */
function changedSince(base) {
  return new Set([
    ...lines(git('diff', '--name-only', base)),
    ...lines(git('ls-files', '--others', '--exclude-standard')),
  ]);
}

/** The module a test file is about: `src/a/foo.property.test.ts` → `src/a/foo.ts`. */
const moduleOfTest = (file) => file.replace(/^(.*\/[^./]+)(\.[^/]*)?\.test\.ts$/, '$1.ts');
const isTest = (file) => file.endsWith('.test.ts');

/** The package's files that its `mutate` patterns select (Stryker's form: globs, `!` to leave out). */
function mutatedFiles(packageDir, patterns) {
  const files = lines(git('ls-files', '--cached', '--others', '--exclude-standard', '--', relative(repo, packageDir)));
  const local = files.map((file) => relative(relative(repo, packageDir), file));
  return local.filter(
    (file) =>
      patterns.some((pattern) => !pattern.startsWith('!') && matchesGlob(file, pattern)) &&
      !patterns.some((pattern) => pattern.startsWith('!') && matchesGlob(file, pattern.slice(1))),
  );
}

/** What to mutate in one package: `null` for nothing, `'all'`, or a list of package-relative files. */
function selection(packageDir, mutate, changed) {
  if (full) return { files: 'all', why: '--full' };
  const prefix = `${relative(repo, packageDir)}/`;
  const local = [...changed].filter((file) => file.startsWith(prefix)).map((file) => file.slice(prefix.length));
  const mutated = mutatedFiles(packageDir, mutate);
  const settings = [
    ...SHARED_SETTINGS.filter((file) => changed.has(file)),
    ...PACKAGE_SETTINGS.filter((file) => local.includes(file)),
  ];
  if (settings.length > 0) return { files: 'all', why: `settings changed (${settings.join(', ')})` };
  const support = local.filter((file) => file.startsWith('src/') && !isTest(file) && !mutated.includes(file));
  if (support.length > 0) return { files: 'all', why: `test support changed (${support.join(', ')})` };
  const touched = new Set(local.map((file) => (isTest(file) ? moduleOfTest(file) : file)));
  const files = mutated.filter((file) => touched.has(file));
  if (files.length === 0) return { files: null, why: 'no mutated module or its tests changed' };
  return { files, why: `${files.length} of ${mutated.length} modules changed` };
}

const base = full ? null : releaseBase();
if (!full && !base) {
  console.error('mutation: no release found to compare with (set MUTATION_BASE=<git ref>, or run with --full)');
  process.exit(1);
}
const changed = base ? changedSince(base) : new Set();
console.log(full ? 'mutation: every module of every package' : `mutation: modules changed since ${base.slice(0, 12)}`);

let ran = 0;
for (const name of readdirSync(join(repo, 'packages')).sort()) {
  const packageDir = join(repo, 'packages', name);
  const configFile = join(packageDir, 'stryker.config.mjs');
  if (!existsSync(configFile)) continue;
  const { default: config } = await import(pathToFileURL(configFile).href);
  const report = join(packageDir, 'reports', 'mutation', 'mutation.json');
  rmSync(report, { force: true });
  const { files, why } = selection(packageDir, config.mutate, changed);
  console.log(`mutation: packages/${name}: ${files ? 'runs' : 'skipped'}: ${why}`);
  if (!files) continue;
  const args = ['exec', 'stryker', 'run'];
  if (files !== 'all') args.push('--mutate', files.join(','));
  const result = spawnSync('pnpm', args, { cwd: packageDir, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      `mutation: packages/${name}: Stryker failed (exit ${result.status}); its report: ${basename(report)}`,
    );
    process.exit(1);
  }
  ran++;
}
if (ran === 0) {
  console.log('mutation: nothing to run (the scores of the last full runs are in docs/mutation-testing.md)');
  process.exit(0);
}
const summary = spawnSync(process.execPath, [join(repo, 'scripts', 'mutation-summary.mjs')], {
  cwd: repo,
  stdio: 'inherit',
});
process.exit(summary.status ?? 1);
