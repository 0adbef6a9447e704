/**
 * The report check fails when a package's public API changes and its report was not updated (naming
 * the package, the entry and the report), passes once `--update` wrote the new report, and keeps one
 * report per typed `exports` entry. Run on one scratch package beside this one (for `@types/node`), in order.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';

const here = fileURLToPath(new URL('..', import.meta.url));
const script = join(here, 'src', 'api-report.mjs');
let dir: string;

const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { cwd: dir, encoding: 'utf8' });

function writePackage(declarations: string) {
  writeFileSync(join(dir, 'dist', 'index.d.mts'), declarations);
  writeFileSync(join(dir, 'dist', 'extra.d.mts'), 'export declare const extra: number;\n');
}

beforeAll(() => {
  dir = mkdtempSync(join(here, 'node_modules', '.scratch-'));
  mkdirSync(join(dir, 'dist'));
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: '@scp-ske/scratch',
      version: '0.0.0',
      type: 'module',
      exports: {
        '.': { types: './dist/index.d.mts', default: './dist/index.mjs' },
        './extra': { types: './dist/extra.d.mts', default: './dist/extra.mjs' },
        './package.json': './package.json',
      },
    }),
  );
  writePackage('/** Says hello. */\nexport declare function hello(name: string): string;\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// One scratch package through the steps a contributor takes (each API Extractor run takes seconds).
it('writes one report per typed entry, then passes the check while nothing changes', () => {
  expect(run('--update').status).toBe(0);
  expect(readdirSync(join(dir, 'api')).sort()).toEqual(['scratch-extra.api.md', 'scratch.api.md']);
  expect(readFileSync(join(dir, 'api', 'scratch.api.md'), 'utf8')).toContain(
    'export function hello(name: string): string;',
  );
  expect(run().status).toBe(0);
});

it('fails, naming the package, entry and report, when the API changed and the report was not updated', () => {
  writePackage('/** Says hello. */\nexport declare function hello(name: string, loud?: boolean): string;\n');
  const check = run();
  expect(check.status).toBe(1);
  expect(check.stderr).toContain('@scp-ske/scratch: the public API of "." differs from api/scratch.api.md');
  expect(check.stderr).toContain('pnpm api:update');
  expect(readFileSync(join(dir, 'api', 'scratch.api.md'), 'utf8')).not.toContain('loud');

  expect(run('--update').status).toBe(0);
  expect(readFileSync(join(dir, 'api', 'scratch.api.md'), 'utf8')).toContain('loud?: boolean');
});

it('refuses to check a package whose declarations are not built', () => {
  rmSync(join(dir, 'dist', 'extra.d.mts'));
  const check = run();
  expect(check.status).toBe(1);
  expect(check.stderr).toContain('./dist/extra.d.mts (exports "./extra") is not built');
});
