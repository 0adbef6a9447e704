/**
 * Opens the built reference in Debian's Chromium (driven by playwright-core) from a local static
 * server: the index lists every version and every version's operations (method and path, IAM action,
 * confirmed or assumed), every version page renders every operation with its parameters, response
 * codes, IAM action and provenance, no request leaves the local server, and a screenshot of each page
 * is kept in dist/screenshots. The index also lists which versions have each operation, the differences
 * between versions the spec declares with their evidence (declaredDifferences), and each version's changes
 * against the version before it (diffSpecs). What is expected is read from the documents, never listed here.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  declaredDifferences,
  describeDeclaredDifference,
  isServed,
  loadDocument,
  manifest,
  type OpenApiDocument,
} from '@scp-ske/spec';
import { diffSpecs, SEVERITIES } from '@scp-ske/spec/diff';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../chromium.shared.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const screenshots = join(dist, 'screenshots');
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.png': 'image/png' };

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
  'x-scp-action-id': string;
  'x-scp-provenance': { confirmed: string[]; document: string };
}

/** Every operation of a version's (dereferenced) document, in its order. */
async function operationsOf(version: string) {
  const document = await loadDocument(version as never, 'dereferenced');
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as Operation })),
  );
}

/** "confirmed" when the operation's provenance confirms the version, else what it is assumed from. */
function provenanceText(operation: Operation, version: string): string {
  const { confirmed } = operation['x-scp-provenance'];
  return confirmed.includes(version)
    ? 'confirmed'
    : `assumed (confirmed for ${confirmed.map((one) => `ske ${one}`).join(', ')})`;
}

/** Redoc's route to an operation: `#/<tag>/<operationid>`, lower case. */
const anchor = (operation: Operation) =>
  `${(operation.tags[0] ?? '').toLowerCase()}/${operation.operationId.toLowerCase()}`;

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
  browser = await launchChromium(chromium);
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
    'lists the operations of %s with their method and path, IAM action and provenance',
    async (_name, version) => {
      const { tab, context } = await open('index.html');
      const rows = await tab.$$eval(`table.operations[data-version="${version}"] tbody tr`, (trs) =>
        trs.map((tr) => ({
          // biome-ignore lint/performance/useDomNodeTextContent: as rendered (the <br> between summary and operationId is a break).
          cells: [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
          link: tr.querySelector('a')?.getAttribute('href'),
        })),
      );
      const expected = (await operationsOf(version)).map(({ path, method, operation }) => ({
        cells: [
          `${operation.summary} ${operation.operationId}`,
          `${method.toUpperCase()} ${path}`,
          operation['x-scp-action-id'],
          provenanceText(operation, version),
        ],
        link: `ske-${version}.html#/${anchor(operation)}`,
      }));
      expect(rows).toEqual(expected);
      await context.close();
    },
  );

  it('shows what differs between versions, on what evidence, and which versions have each operation', async () => {
    const documents: Record<string, OpenApiDocument> = {};
    for (const entry of manifest.versions) documents[entry.version] = await loadDocument(entry.version, 'dereferenced');
    const declared = declaredDifferences(documents);
    const { tab, context } = await open('index.html');
    const rows = await tab.$$eval('#declared tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    );
    expect(rows).toEqual(
      declared.map((one) => [
        describeDeclaredDifference(one),
        one.lacking.map((version) => `ske ${version}`).join(', '),
        one.operations.join(', '),
        one.strength,
        one.evidence,
      ]),
    );
    expect(rows.length).toBeGreaterThan(0);
    const availability = await tab.$$eval('#operation-versions tbody tr', (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
    );
    const current = (await operationsOf(manifest.current)).map(({ operation }) => operation.operationId);
    expect(availability.map((row) => row[0])).toEqual(current);
    for (const [id, versions, why] of availability) {
      const having = manifest.versions.filter((entry) =>
        Object.values((documents[entry.version] as OpenApiDocument).paths).some((item) =>
          Object.values(item).some((operation) => (operation as Operation).operationId === id),
        ),
      );
      expect(versions, id).toBe(having.map((entry) => entry.apiVersion).join(', '));
      const since = declared.find((one) => one.operation === id);
      expect(why, id).toBe(since ? `${describeDeclaredDifference(since)} (${since.strength})` : '');
    }
    expect(availability.find((row) => row[0] === 'setClusterServiceWatchLogging')?.[1]).toBe(
      'ske 1.1, ske 1.2, ske 1.3',
    );
    await context.close();
  });

  it.each(manifest.versions.slice(1).map((entry, index) => [entry.apiVersion, entry.version, index]))(
    'lists the changes of %s against the version before it, as diffSpecs classifies them',
    async (_name, version, index) => {
      const previous = (manifest.versions[index as number] as { version: string }).version;
      const { tab, context } = await open('index.html');
      const rows = await tab.$$eval(`table.changes[data-version="${version}"] tbody tr`, (trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())),
      );
      const expected = diffSpecs(
        await loadDocument(previous as never, 'bundled'),
        await loadDocument(version as never, 'bundled'),
      )
        .sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
        .map((change) => [change.severity, change.pointer, change.message]);
      expect(rows).toEqual(expected);
      expect(await tab.getAttribute(`table.changes[data-version="${version}"]`, 'data-previous')).toBe(previous);
      await context.close();
    },
  );

  it.each(manifest.versions.map((entry) => [entry.apiVersion, entry.version]))(
    'renders every operation of %s completely, with its IAM action, provenance, lifecycle, versions and samples, and a link back to the index, offline',
    async (_name, version) => {
      const operations = await operationsOf(version);
      const { tab, context, requests } = await open(`ske-${version}.html`);
      await tab.waitForSelector('a[href="index.html"]');
      expect(await tab.getAttribute('a[href="index.html"]', 'href'), 'a link back to the index').toBe('index.html');
      for (const { path, method, operation } of operations) {
        await tab.goto(`${origin}/ske-${version}.html#/${anchor(operation)}`);
        await tab.waitForSelector(`h2:has-text("${operation.summary}")`);
        // biome-ignore lint/performance/useDomNodeTextContent: what is rendered, not the document embedded in the page's scripts.
        const text = await tab.innerText(`[id="${anchor(operation)}"]`);
        const name = `${version} ${operation.operationId}`;
        expect(text, name).toContain(operation.summary);
        expect(text, name).toContain(`${method.toUpperCase()}\n${path}`);
        for (const parameter of operation.parameters ?? [])
          expect(text, `${name} ${parameter.name}`).toContain(parameter.name);
        for (const code of Object.keys(operation.responses))
          expect(text, `${name} response ${code}`).toMatch(new RegExp(`\\b${code}\\b`));
        expect(text, name).toContain(`IAM action: ${operation['x-scp-action-id']}`);
        expect(text, name).toContain(`Provenance for ske ${version}: ${provenanceText(operation, version)}`);
        expect(text, name).toMatch(new RegExp(`Available in: (ske 1\\.\\d+, )*ske ${version.replace('.', '\\.')}\\b`));
        expect(text, name).toMatch(
          new RegExp(`Lifecycle: ske ${version.replace('.', '\\.')} is (CURRENT|SUPPORTED|DEPRECATED)`),
        );
        expect(text, `${name} samples`).toContain(`from '@scp-ske/client-${version}'`);
        expect(text, `${name} samples`).toContain(`scp-ske api ${method.toUpperCase()} `);
      }
      expect(external(requests)).toEqual([]);
      await tab.goto(
        `${origin}/ske-${version}.html#/${anchor((operations.at(-1) as { operation: Operation }).operation)}`,
      );
      await tab.screenshot({ path: join(screenshots, `ske-${version}.png`), fullPage: true });
      await context.close();
    },
  );
});
