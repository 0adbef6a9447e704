/**
 * Links the workspace when the generator changed its shape: a new client package (`packages/client-1.x`),
 * or a consumer that now depends on one. Every workspace package (pnpm-workspace.yaml's `packages/*`,
 * `apps/*`, `tools/*`) that declares `workspace:` dependencies must have each of them in its node_modules;
 * if one is missing, this runs `pnpm install` once, and otherwise does nothing (it reads a few
 * package.json files and returns). Run between `turbo run bundle generate` and the builds.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies'];

/** The workspace's package directories, from pnpm-workspace.yaml's `- <dir>/*` entries. */
function workspacePackages() {
  const config = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const parents = [...config.matchAll(/^\s+-\s+["']?([\w.-]+)\/\*["']?\s*$/gm)].map(([, parent]) => parent);
  return parents.flatMap((parent) =>
    existsSync(join(root, parent))
      ? readdirSync(join(root, parent), { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && existsSync(join(root, parent, entry.name, 'package.json')))
          .map((entry) => join(parent, entry.name))
      : [],
  );
}

/** `<package dir> → <dependency>` for every `workspace:` dependency that is not linked yet. */
function unlinked(dir) {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  return DEPENDENCY_FIELDS.flatMap((field) => Object.entries(manifest[field] ?? {}))
    .filter(
      ([name, specifier]) => specifier.startsWith('workspace:') && !existsSync(join(root, dir, 'node_modules', name)),
    )
    .map(([name]) => `${dir} → ${name}`);
}

const missing = workspacePackages().flatMap(unlinked);
if (missing.length > 0) {
  console.log(`not linked yet: ${missing.join(', ')}; running pnpm install`);
  execFileSync('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile'], { cwd: root, stdio: 'inherit' });
}
