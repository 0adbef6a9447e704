import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_ID, documents, manifest } from './test-documents.js';
import { generate } from './write.mjs';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BIOME = join(REPO, 'node_modules', '.bin', 'biome');

function write(file: string, content: string) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** Every file under `dir`, by relative path. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files[relative(dir, file)] = readFileSync(file, 'utf8');
  }
  return files;
}

/**
 * A repository with what the writer reads: the bundle step's output for the test manifest, the runtime's
 * package.json and LICENSE, the house biome settings, one consumer, and one client package that exists
 * already (at a version changesets gave it).
 */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'scp-ske-codegen-'));
  const specDir = join(root, 'packages', 'spec');
  write(join(specDir, 'versions.json'), JSON.stringify(manifest));
  for (const { version, files } of manifest.versions) {
    write(join(specDir, files.bundled.json), JSON.stringify(documents[version]?.bundled));
    write(join(specDir, files.dereferenced.json), JSON.stringify(documents[version]?.dereferenced));
  }
  write(
    join(root, 'packages', 'client', 'package.json'),
    JSON.stringify({ name: '@scp-ske/client', version: '0.3.0' }),
  );
  write(join(root, 'packages', 'client', 'LICENSE'), 'Apache-2.0\n');
  write(join(root, 'packages', 'client-2.0', 'package.json'), JSON.stringify({ version: '0.9.0' }));
  write(join(root, 'apps', 'compat', 'package.json'), JSON.stringify({ name: '@scp-ske/compat', dependencies: {} }));
  const { vcs: _vcs, $schema: _schema, ...settings } = JSON.parse(readFileSync(join(REPO, 'biome.json'), 'utf8'));
  write(join(root, 'biome.json'), JSON.stringify(settings));
  return root;
}

describe('generate', () => {
  let root: string;
  let first: Awaited<ReturnType<typeof generate>>;
  let second: Awaited<ReturnType<typeof generate>>;
  let afterFirst: Record<string, string>;
  let afterSecond: Record<string, string>;
  beforeAll(async () => {
    root = repository();
    first = await generate({ root, biome: BIOME });
    afterFirst = snapshot(root);
    second = await generate({ root, biome: BIOME });
    afterSecond = snapshot(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a package per version, and reports the ones that are new', () => {
    expect(first).toEqual({
      packages: ['@scp-ske/client-2.0', '@scp-ske/client-2.1'],
      created: ['@scp-ske/client-2.1'],
    });
    expect(
      Object.keys(afterFirst)
        .filter((file) => file.startsWith('packages/client-2.1/'))
        .sort(),
    ).toEqual(
      [
        'LICENSE',
        'README.md',
        'package.json',
        'src/generated/contract.ts',
        'src/generated/openapi.ts',
        'src/generated/operations.ts',
        'src/index.ts',
        'src/raw.ts',
        'tsconfig.json',
        'tsdown.config.ts',
      ].map((file) => `packages/client-2.1/${file}`),
    );
  });

  it("keeps an existing package's version, and starts a new one at the runtime's", () => {
    expect(JSON.parse(afterFirst['packages/client-2.0/package.json'] ?? '{}').version).toBe('0.9.0');
    expect(JSON.parse(afterFirst['packages/client-2.1/package.json'] ?? '{}').version).toBe('0.3.0');
  });

  it("writes the consumers' version tables and dependencies, and skips a consumer that is not there", () => {
    expect(JSON.parse(afterFirst['apps/compat/package.json'] ?? '{}').dependencies).toEqual({
      '@scp-ske/client-2.0': 'workspace:*',
      '@scp-ske/client-2.1': 'workspace:*',
    });
    expect(afterFirst['apps/compat/src/generated/clients.ts']).toContain('rawClientFactories');
    expect(existsSync(join(root, 'packages', 'cli'))).toBe(false);
  });

  it("formats what it wrote in the house style (here, the README's JavaScript)", () => {
    expect(afterFirst['packages/client-2.1/README.md']).toContain(
      `  clusterId: '${CLUSTER_ID}',\n  kubeconfigType: 'private',\n`,
    );
  });

  it('is deterministic: a second run writes the same bytes, and reports nothing new', () => {
    expect(second.created).toEqual([]);
    expect(afterSecond).toEqual(afterFirst);
  });
});
