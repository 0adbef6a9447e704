// @ts-check
/**
 * The writer, and the generator's only I/O: reads what @scp-ske/spec's bundle step wrote (`versions.json`
 * and each version's documents, as files: the pipeline builds the spec package's code after
 * generating), builds the model, writes every version's client package (`packages/client-<version>/`)
 * and every consumer's version table, and formats what it wrote with biome, the one subprocess. It
 * installs and builds nothing: it reports the packages it created, and `scripts/link-workspace.mjs`
 * links them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildModel } from './model.mjs';
import { renderClientPackage } from './render/client-package.mjs';
import { renderClientsTable } from './render/clients-table.mjs';
import { renderConsumerPackageJson } from './render/consumer-package-json.mjs';

/** @import { Manifest, Model, VersionDocuments } from './model.mjs' */

/**
 * The workspace packages that use every version's client, by directory: each gets a version table
 * (`src/generated/clients.ts`) and a dependency on every client package; `raw` ones also get every
 * version's openapi-fetch client; `lazy` ones load a version's package on its first use (the CLI: a
 * command calls one version, and loading the others would slow every command's start).
 * @typedef {{ dir: string, raw: boolean, lazy?: boolean }} Consumer
 * @type {Consumer[]}
 */
export const CONSUMERS = [
  { dir: 'apps/compat', raw: true },
  { dir: 'packages/cli', raw: false, lazy: true },
  { dir: 'tools/client-tests', raw: true },
];

/** @param {string} file */
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

/**
 * The manifest and every version's bundled and dereferenced documents, as the bundle step wrote them.
 * @param {string} specDir The @scp-ske/spec package directory.
 * @returns {Promise<{ manifest: Manifest, documents: Record<string, VersionDocuments> }>}
 */
export async function readSpec(specDir) {
  /** @type {Manifest} */
  const manifest = await readJson(join(specDir, 'versions.json'));
  /** @type {Record<string, VersionDocuments>} */
  const documents = {};
  for (const { version, files } of manifest.versions) {
    documents[version] = {
      bundled: await readJson(join(specDir, files.bundled.json)),
      dereferenced: await readJson(join(specDir, files.dereferenced.json)),
    };
  }
  return { manifest, documents };
}

/**
 * Writes each file (path → content) under `dir`; returns the paths written.
 * @param {string} dir
 * @param {Record<string, string>} files
 */
async function writeFiles(dir, files) {
  const written = [];
  for (const [name, content] of Object.entries(files)) {
    const file = join(dir, name);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, content);
    written.push(file);
  }
  return written;
}

/**
 * Writes every version's client package; returns the files written and the packages that are new.
 * @param {string} root
 * @param {Model} model
 */
async function writeClientPackages(root, model) {
  const runtimeDir = join(root, 'packages', 'client');
  const runtime = await readJson(join(runtimeDir, 'package.json'));
  const license = await readFile(join(runtimeDir, 'LICENSE'), 'utf8');
  const written = [];
  const created = [];
  for (const client of model.clients) {
    const dir = join(root, 'packages', `client-${client.version}`);
    const manifest = join(dir, 'package.json');
    const existing = existsSync(manifest) ? await readJson(manifest) : undefined;
    if (!existing) created.push(client.packageName);
    // Changesets owns the version once the package exists.
    const packageVersion = existing?.version ?? runtime.version;
    written.push(...(await writeFiles(dir, await renderClientPackage(client, model, { packageVersion, license }))));
  }
  return { written, created };
}

/**
 * Writes each consumer's version table and dependencies (a consumer that is not in the tree is skipped).
 * @param {string} root
 * @param {Model} model
 * @param {Consumer[]} consumers
 */
async function writeConsumers(root, model, consumers) {
  const written = [];
  for (const { dir, raw, lazy } of consumers) {
    const manifest = join(root, dir, 'package.json');
    if (!existsSync(manifest)) continue;
    written.push(
      ...(await writeFiles(join(root, dir), {
        'package.json': renderConsumerPackageJson(await readJson(manifest), model),
        'src/generated/clients.ts': renderClientsTable(model, { raw, lazy }),
      })),
    );
  }
  return written;
}

/**
 * Generates every client package and consumer table of the repository at `root`.
 * @param {{ root: string, consumers?: Consumer[], biome?: string }} options `biome`: the binary that
 *   formats what was written (default: the repository's).
 * @returns {Promise<{ packages: string[], created: string[] }>} Every client package, and those that are new.
 */
export async function generate({ root, consumers = CONSUMERS, biome = join(root, 'node_modules', '.bin', 'biome') }) {
  const { manifest, documents } = await readSpec(join(root, 'packages', 'spec'));
  const model = buildModel(manifest, documents);
  const { written, created } = await writeClientPackages(root, model);
  written.push(...(await writeConsumers(root, model, consumers)));
  // Generated sources follow the house format, so that lint passes on them as on hand-written code.
  execFileSync(biome, ['check', '--write', '--no-errors-on-unmatched', ...written], { cwd: root, stdio: 'inherit' });
  return { packages: model.clients.map((client) => client.packageName), created };
}
