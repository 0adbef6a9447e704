/**
 * Opens the built reference in Debian's Chromium (driven by playwright-core) from a local static
 * server: the index and every version page render the operation, both parameters and every response
 * code, no request leaves the local server, and a screenshot of each page is kept in dist/screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isServed, manifest } from '@scp-ske/spec';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const screenshots = join(dist, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png' };

let server: Server;
let origin = '';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(join(dist, 'index.html')))
    execFileSync(process.execPath, ['scripts/build-docs.mjs'], { cwd: join(dist, '..') });
  server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '');
    const file = join(dist, path === '' ? 'index.html' : path);
    if (!file.startsWith(dist) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
      .end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mkdirSync(screenshots, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function open(page: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const requests: string[] = [];
  tab.on('request', (request) => requests.push(request.url()));
  await tab.goto(`${origin}/${page}`, { waitUntil: 'networkidle' });
  return { tab, context, requests };
}

const external = (requests: string[]) =>
  requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob|about):/.test(url));

describe('the HTML reference', () => {
  it('has an index listing every version with its state, Not Before date, served today, and a link', async () => {
    const { tab, context, requests } = await open('index.html');
    const rows = await tab.$$eval('#versions tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    );
    expect(rows.map((row) => row[0])).toEqual(manifest.versions.map((entry) => entry.apiVersion));
    expect(rows.map((row) => row[2])).toEqual(manifest.versions.map((entry) => entry.notBefore ?? '–'));
    // Judged in the page, with the reader's date, by the spec package's own rule.
    const today = new Date();
    expect(rows.map((row) => row[3])).toEqual(
      manifest.versions.map((entry) => (isServed(entry, today) ? 'yes' : 'no')),
    );
    expect(await tab.textContent('#today')).toBe(today.toISOString().slice(0, 10));
    const links = await tab.$$eval('#versions a', (anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(links).toEqual(manifest.versions.map((entry) => `ske-${entry.version}.html`));
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText reads what is rendered, not script text.
    expect(await tab.innerText('body')).toContain('only the version number and the lifecycle differ');
    expect(external(requests)).toEqual([]);
    await tab.screenshot({ path: join(screenshots, 'index.png'), fullPage: true });
    await context.close();
  });

  it.each(manifest.versions.map((entry) => [entry.apiVersion, entry.version]))(
    'renders %s completely, offline',
    async (_name, version) => {
      const { tab, context, requests } = await open(`ske-${version}.html#/cluster/showclusteruserkubeconfig`);
      await tab.waitForSelector('h2:has-text("Show Cluster User Kubeconfig")');
      // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the document embedded in the page's scripts.
      const text = await tab.innerText('body');
      for (const expected of [
        'Show Cluster User Kubeconfig',
        'cluster_id',
        'kubeconfig_type',
        '/v1/clusters/{cluster_id}/user-kubeconfig',
      ]) {
        expect(text, expected).toContain(expected);
      }
      for (const code of ['200', '400', '401', '403', '404', '406'])
        expect(text, `response ${code}`).toMatch(new RegExp(`\\b${code}\\b`));
      expect(text).toContain(`ske ${version}`);
      expect(external(requests)).toEqual([]);
      await tab.screenshot({ path: join(screenshots, `ske-${version}.png`), fullPage: true });
      await context.close();
    },
  );
});
