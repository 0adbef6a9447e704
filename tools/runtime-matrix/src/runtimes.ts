/**
 * The runtimes of the matrix, installed once per machine from the npm registry (exact versions in
 * runtimes.json) with `npm install --prefix node_modules/.cache/runtimes/<name>@<version>`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO } from '@scp-ske/package-tests/packed';

export interface Runtime {
  name: string;
  package: string;
  version: string;
  bin: string | null;
}

export const RUNTIMES: Record<string, Runtime> = Object.fromEntries(
  Object.entries(
    JSON.parse(readFileSync(new URL('../runtimes.json', import.meta.url), 'utf8')) as Record<
      string,
      Omit<Runtime, 'name'>
    >,
  ).map(([name, entry]) => [name, { name, ...entry }]),
);

export const CACHE = join(REPO, 'node_modules', '.cache', 'runtimes');

export function runtimeDir(runtime: Runtime): string {
  return join(CACHE, `${runtime.package}@${runtime.version}`);
}

const installArgs = (runtime: Runtime, dir: string) => [
  'install',
  '--prefix',
  dir,
  '--no-audit',
  '--no-fund',
  '--no-save',
  '--loglevel=error',
  `${runtime.package}@${runtime.version}`,
];

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

/** Installs the runtime unless its directory holds a finished install; returns its directory. */
export function ensureRuntime(runtime: Runtime): string {
  const dir = runtimeDir(runtime);
  const done = join(dir, '.installed');
  if (!existsSync(done)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('npm', installArgs(runtime, dir), { stdio: 'pipe', env: npmEnv });
    writeFileSync(done, `${runtime.package}@${runtime.version}\n`);
  }
  return dir;
}

/** Installs every runtime not installed yet, all at once (each download waits on the network, not the CPU). */
export async function installRuntimes(runtimes: Runtime[]): Promise<void> {
  await Promise.all(
    runtimes.map(async (runtime) => {
      const dir = runtimeDir(runtime);
      const done = join(dir, '.installed');
      if (existsSync(done)) return;
      mkdirSync(dir, { recursive: true });
      await promisify(execFile)('npm', installArgs(runtime, dir), { maxBuffer: 1 << 24, env: npmEnv });
      writeFileSync(done, `${runtime.package}@${runtime.version}\n`);
    }),
  );
}

export function binOf(runtime: Runtime): string {
  if (!runtime.bin) throw new Error(`${runtime.name} has no binary`);
  return join(ensureRuntime(runtime), runtime.bin);
}
