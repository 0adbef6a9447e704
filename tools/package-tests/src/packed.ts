/**
 * Test support: packs every publishable workspace package with `pnpm pack` (so `workspace:` and
 * `catalog:` become real versions, as on the registry) into one folder, once per test run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface Packed {
  name: string;
  dir: string;
  tarball: string;
}

/** Workspace packages under packages/ that are not private: what gets published. */
export function publishablePackages(): { name: string; dir: string }[] {
  return readdirSync(join(REPO, 'packages'))
    .map((entry) => join(REPO, 'packages', entry))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ name: manifest.name as string, dir }));
}

export function packAll(): Packed[] {
  const destination = mkdtempSync(join(tmpdir(), 'scp-ske-packs-'));
  return publishablePackages().map(({ name, dir }) => {
    const before = new Set(readdirSync(destination));
    execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: dir, stdio: 'pipe' });
    const tarball = readdirSync(destination).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote nothing for ${name}`);
    return { name, dir, tarball: join(destination, tarball) };
  });
}

/**
 * A new project outside the workspace that depends on every packed package (and overrides their
 * dependencies on one another to the packed ones, as a user's install from the registry would resolve
 * them), installed with npm together with `extra` packages. Returns its folder.
 */
export function installPackedProject(name: string, extra: string[]): string {
  const packed = packAll();
  const project = mkdtempSync(join(tmpdir(), `scp-ske-${name}-`));
  const dependencies = Object.fromEntries(packed.map(({ name, tarball }) => [name, `file:${tarball}`]));
  const overrides = Object.fromEntries(packed.map(({ name }) => [name, `$${name}`]));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name, private: true, type: 'module', dependencies, overrides }, null, 2),
  );
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...extra], {
    cwd: project,
    stdio: 'pipe',
  });
  return project;
}

/** A file inside a tarball, as text. */
export function readFromTarball(tarball: string, path: string): string {
  return execFileSync('tar', ['-xzOf', tarball, `package/${path}`], { encoding: 'utf8' });
}

export function listTarball(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((path) => path.replace(/^package\//, ''));
}
