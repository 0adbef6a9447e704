/**
 * The client and the signer as a bundler builds them for other runtimes: @scp-ske/client-1.3 with
 * @scp-ske/signing bundled by rolldown for `platform: 'browser'` (the `browser` condition: the signing
 * build with Web Crypto and fetch) imports no Node built-in, statically or on demand; bundled for
 * `node` it still sends over node:http and signs with node:crypto. The browser bundle, run here (Node
 * has fetch and Web Crypto), is accepted by the emulator: its requests go over fetch.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEMO_CREDENTIALS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const ENTRY = `export { createSkeClient, BrowserNotAllowedError } from '@scp-ske/client-1.3';
export { computeSignatureAsync, createSignedFetch } from '@scp-ske/signing';`;

async function bundle(platform: 'browser' | 'node') {
  const build = await rolldown({
    input: 'entry',
    platform,
    cwd: new URL('..', import.meta.url).pathname,
    plugins: [
      { name: 'entry', resolveId: (id) => (id === 'entry' ? id : null), load: (id) => (id === 'entry' ? ENTRY : null) },
    ],
  });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  const chunks = output.flatMap((chunk) => (chunk.type === 'chunk' ? [chunk] : []));
  const imports = chunks.flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports]);
  return { chunks, imports };
}

let emulator: Emulator;
let dir = '';
beforeAll(async () => {
  emulator = await startEmulator({ now: '2025-06-01' });
  dir = mkdtempSync(join(tmpdir(), 'scp-ske-browser-bundle-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('bundled for other runtimes', () => {
  it('for the browser: no node: import at all', async () => {
    const { chunks, imports } = await bundle('browser');
    expect(imports.filter((specifier) => specifier.startsWith('node:'))).toEqual([]);
    for (const chunk of chunks)
      expect(chunk.code).not.toMatch(/\bfrom\s*["']node:|import\(\s*["']node:|require\(["']node:/);
  });

  it('for Node: still node:http and node:crypto', async () => {
    const { imports } = await bundle('node');
    expect(imports).toEqual(expect.arrayContaining(['node:http', 'node:crypto']));
  });

  it('the browser bundle’s client calls the emulator over fetch and gets 200s', async () => {
    const { chunks } = await bundle('browser');
    for (const chunk of chunks) writeFileSync(join(dir, chunk.fileName), chunk.code);
    const entry = chunks.find((chunk) => chunk.isEntry)?.fileName as string;
    const built = await import(pathToFileURL(join(dir, entry)).href);
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    const credentials = DEMO_CREDENTIALS[0] as { accessKey: string; secretKey: string };
    const ske = built.createSkeClient({ endpoint: emulator.url, credentials, now: emulator.now });
    const list = await ske.listClusters();
    expect(list.status).toBe(200);
    const kubeconfig = await ske.getUserKubeconfig({
      clusterId: '70a599e031e749b7b260868f441e862b',
      kubeconfigType: 'private',
    });
    expect(kubeconfig.contexts).toEqual(['demo-cluster']);
    expect(fetchSpy).toHaveBeenCalledTimes(2);
    expect(
      await built.computeSignatureAsync({
        method: 'GET',
        url: 'https://a.b/c',
        timestamp: 1,
        accessKey: 'a',
        secretKey: 's',
      }),
    ).toMatch(/=$/);

    // In a web page it still refuses without the opt-in, and works with it.
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    try {
      expect(() => built.createSkeClient({ endpoint: emulator.url, credentials })).toThrow(
        built.BrowserNotAllowedError,
      );
      const inPage = built.createSkeClient({
        endpoint: emulator.url,
        credentials,
        now: emulator.now,
        dangerouslyAllowBrowser: true,
      });
      expect((await inPage.listClusters()).status).toBe(200);
    } finally {
      vi.unstubAllGlobals();
      fetchSpy.mockRestore();
    }
  });
});
