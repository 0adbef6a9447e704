/**
 * The runtimes of the matrix (exact versions in runtimes.json), as `pnpm check`'s set-up step installed
 * them into `node_modules/.cache/runtimes/<name>@<version>` (scripts/install-runtimes.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * The runtime's directory, installed by `pnpm check`'s set-up step (scripts/setup-check.mjs, with
 * tools/runtime-matrix/scripts/install-runtimes.mjs): a test never downloads one.
 */
export function ensureRuntime(runtime: Runtime): string {
  const dir = runtimeDir(runtime);
  if (!existsSync(join(dir, '.installed'))) {
    throw new Error(
      `${runtime.name} (${runtime.package}@${runtime.version}) is not installed in ${dir}: run \`pnpm check:setup\` first`,
    );
  }
  return dir;
}

export function binOf(runtime: Runtime): string {
  if (!runtime.bin) throw new Error(`${runtime.name} has no binary`);
  return join(ensureRuntime(runtime), runtime.bin);
}
