/**
 * The two built files as the `exports` conditions hand them out (tsdown.config.ts): Node, Bun and
 * Deno get `dist/index.mjs` (node:crypto, node:http); `browser`, `workerd` and any other runtime
 * (`default`) get `dist/index.web.mjs`, which imports no Node built-in and signs with Web Crypto over
 * fetch. Needs the build (turbo runs it before the tests).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Api from './index.js';
import { startVerifyingServer } from './testing/verifying-server.js';

const packageDir = new URL('..', import.meta.url);
const WEB = new URL('dist/index.web.mjs', packageDir);
const NODE = new URL('dist/index.mjs', packageDir);
/** Every module specifier a built file imports, statically or dynamically. */
const importsOf = (file: URL) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s*)["']([^"']+)["']/gm)].map(
    (match) => match[1],
  );

/** What `import('@scp-ske/signing')` resolves to under `conditions` (self-reference from the package). */
function resolvedWith(conditions: string[]): string {
  const flags = conditions.flatMap((condition) => ['--conditions', condition]);
  const script = "console.log(import.meta.resolve('@scp-ske/signing'))";
  const output = execFileSync(process.execPath, [...flags, '--input-type=module', '-e', script], {
    cwd: packageDir,
    encoding: 'utf8',
  });
  return output.trim().slice(new URL('dist/', packageDir).href.length);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the builds', () => {
  it('the Web build imports no Node built-in; Node’s imports node:crypto and node:http', () => {
    expect(importsOf(WEB).filter((specifier) => specifier?.startsWith('node:'))).toEqual([]);
    expect(importsOf(NODE)).toEqual(expect.arrayContaining(['node:crypto', 'node:http']));
  });

  it('are handed out by the exports conditions: node → index.mjs; browser, workerd, default → index.web.mjs', () => {
    expect(resolvedWith([])).toBe('index.mjs');
    expect(resolvedWith(['browser'])).toBe('index.web.mjs');
    expect(resolvedWith(['workerd'])).toBe('index.web.mjs');
    const manifest = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
    expect(manifest.exports['.']).toEqual({
      types: './dist/index.d.mts',
      workerd: './dist/index.web.mjs',
      browser: './dist/index.web.mjs',
      node: './dist/index.mjs',
      default: './dist/index.web.mjs',
    });
  });

  it('export the same names', async () => {
    const [web, node] = await Promise.all([import(WEB.href), import(NODE.href)]);
    expect(Object.keys(web).sort()).toEqual(Object.keys(node).sort());
  });

  it('the Web build signs with Web Crypto over fetch, and the server accepts it', async () => {
    const web: typeof Api = await import(WEB.href);
    const keys = { accessKey: 'AKWEB', secretKey: 'web-secret-0001' };
    const server = await startVerifyingServer({ keys: { [keys.accessKey]: keys.secretKey } });
    try {
      const fetchSpy = vi.spyOn(globalThis, 'fetch');
      const reply = await web.createSignedGet({ credentials: keys })(`${server.url}/v1/clusters?size=1`);
      expect(reply.status).toBe(200);
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(server.received.map((request) => request.verdict)).toEqual(['accepted']);
      expect(() => web.computeSignature({ method: 'GET', url: server.url, timestamp: 1, ...keys })).toThrow(
        expect.objectContaining({ code: 'ERR_SKE_SYNC_SIGNING_UNAVAILABLE' }),
      );
    } finally {
      await server.close();
    }
  });
});
