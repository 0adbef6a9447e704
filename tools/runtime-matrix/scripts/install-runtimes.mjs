/**
 * Installs the runtimes of the matrix from the npm registry, at the exact versions of runtimes.json,
 * each into `node_modules/.cache/runtimes/<package>@<version>` of the repository (once per machine:
 * a finished install leaves `.installed`). `pnpm check`'s set-up step (scripts/setup-check.mjs) runs it
 * before any test, so a test never waits on the network; the matrix's tests only read what it installed.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPO = join(import.meta.dirname, '..', '..', '..');
export const RUNTIMES_FILE = join(import.meta.dirname, '..', 'runtimes.json');
export const CACHE = join(REPO, 'node_modules', '.cache', 'runtimes');

/** Every runtime of runtimes.json: `{ name, package, version, bin }`. */
export function readRuntimes() {
  const entries = JSON.parse(readFileSync(RUNTIMES_FILE, 'utf8'));
  return Object.entries(entries).map(([name, entry]) => ({ name, ...entry }));
}

export const runtimeDir = (runtime) => join(CACHE, `${runtime.package}@${runtime.version}`);
export const isInstalled = (runtime) => existsSync(join(runtimeDir(runtime), '.installed'));

/**
 * npm's settings for these installs, as environment so that the `node` package's own nested install gets
 * them too: a stalled download is cut after 30 s and retried (npm's default waits 5 min), and what the
 * cache already holds is not asked again.
 */
const npmEnv = {
  ...process.env,
  npm_config_fetch_timeout: '30000',
  npm_config_fetch_retries: '5',
  npm_config_prefer_offline: 'true',
};

/** Installs one runtime unless it is there; a failed attempt leaves nothing behind. */
export async function installRuntime(runtime) {
  if (isInstalled(runtime)) return false;
  const dir = runtimeDir(runtime);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error'];
  await promisify(execFile)('npm', [...args, `${runtime.package}@${runtime.version}`], {
    maxBuffer: 1 << 24,
    env: npmEnv,
  });
  writeFileSync(join(dir, '.installed'), `${runtime.package}@${runtime.version}\n`);
  return true;
}
