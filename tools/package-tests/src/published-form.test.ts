/** Every publishable package, as packed: manifest, files, publint and attw (--profile esm-only). */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest } from '@scp-ske/spec';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTarball, type Packed, packAll, publishablePackages, readFromTarball } from './packed.js';

const BIN = fileURLToPath(new URL('../node_modules/.bin/', import.meta.url));
const PUBLINT = join(BIN, 'publint');
const ATTW = join(BIN, 'attw');
let packed: Packed[] = [];
beforeAll(() => {
  packed = packAll();
});

const names = publishablePackages().map(({ name }) => name);

describe('published packages', () => {
  it('are the ones this project promises', () => {
    const clients = manifest.versions.map((entry) => `@scp-ske/client-${entry.version}`);
    expect(names.sort()).toEqual(
      ['@scp-ske/cli', '@scp-ske/client', ...clients, '@scp-ske/emulator', '@scp-ske/signing', '@scp-ske/spec'].sort(),
    );
  });

  it('give every client, and the runtime, a ./raw entry (the openapi-fetch client)', () => {
    const raws = packed.filter(({ name }) => /^@scp-ske\/client(-\d|$)/.test(name));
    expect(raws).toHaveLength(manifest.versions.length + 1);
    for (const { tarball } of raws) {
      expect(JSON.parse(readFromTarball(tarball, 'package.json')).exports['./raw']).toEqual({
        types: './dist/raw.d.mts',
        default: './dist/raw.mjs',
      });
    }
  });

  describe.each(names.map((name) => [name]))('%s', (name) => {
    const tarball = () => (packed.find((entry) => entry.name === name) as Packed).tarball;

    it('has an exports map with types, files, README, license and engines.node (Node 20.19+ or 22.12+, where require(esm) works)', () => {
      const manifest = JSON.parse(readFromTarball(tarball(), 'package.json'));
      // @scp-ske/signing has two builds: Node's, and one with no Node built-in for every other runtime.
      expect(manifest.exports['.']).toEqual(
        name === '@scp-ske/signing'
          ? {
              types: './dist/index.d.mts',
              workerd: './dist/index.web.mjs',
              browser: './dist/index.web.mjs',
              node: './dist/index.mjs',
              default: './dist/index.web.mjs',
            }
          : { types: './dist/index.d.mts', default: './dist/index.mjs' },
      );
      expect(manifest.engines.node).toBe('^20.19.0 || >=22.12.0');
      expect(manifest.license).toBe('Apache-2.0');
      expect(manifest.files).toContain('dist');
      const files = listTarball(tarball());
      for (const file of ['README.md', 'LICENSE', 'package.json', 'dist/index.mjs', 'dist/index.d.mts'])
        expect(files).toContain(file);
      // Every entry (a client's `./raw`, the spec's documents) points at files the tarball holds.
      const targets = Object.values(manifest.exports).flatMap((target) =>
        typeof target === 'string' ? [target] : Object.values(target as Record<string, string>),
      );
      const missing = targets
        .map((path) => path.replace(/^\.\//, ''))
        .filter((path) =>
          path.endsWith('/*') ? !files.some((file) => file.startsWith(path.slice(0, -1))) : !files.includes(path),
        );
      expect(missing).toEqual([]);
      expect(JSON.stringify(manifest.dependencies ?? {})).not.toMatch(/workspace:|catalog:/);
      expect(readFromTarball(tarball(), 'README.md')).toMatch(/```(js|sh)\n/);
    });

    it('passes publint --strict', () => {
      const output = execFileSync(PUBLINT, ['--strict', tarball()], { encoding: 'utf8' });
      expect(output).toContain('All good!');
    });

    it('passes attw --profile esm-only', () => {
      execFileSync(ATTW, [tarball(), '--profile', 'esm-only', '--format', 'table-flipped'], { encoding: 'utf8' });
    });
  });
});
