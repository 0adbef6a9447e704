/**
 * Builds the HTML reference: one self-contained page per SKE version (`redocly build-docs
 * --inlineBundle` on the bundled document @scp-ske/spec publishes) and `index.html`, which lists every
 * version with its state, Not Before date and whether it is served today, and shows the cross-version
 * contract differences (`contractDifferences`, the comparison the compatibility app uses).
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  contractDifferences,
  documentPath,
  isServed,
  judgeLifecycle,
  loadDocument,
  manifest,
  utcDay,
} from '@scp-ske/spec';

const run = promisify(execFile);
const appDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(appDir, 'dist');
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
/** The one asset Redoc still loads from its CDN with --inlineBundle: the "API docs by" logo. */
const CDN_ASSET = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const BLANK_SVG = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E";
const pageOf = (entry) => `ske-${entry.version}.html`;
const escapeHtml = (text) =>
  String(text).replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char],
  );

async function buildPage(entry) {
  const title = `SKE API ${entry.apiVersion} (${entry.state})`;
  await run(
    process.execPath,
    [
      redocly,
      'build-docs',
      documentPath(entry.version, 'bundled', 'json'),
      '--inlineBundle',
      '--config',
      join(appDir, 'redocly.yaml'),
      '--title',
      title,
      '-o',
      join(outDir, pageOf(entry)),
    ],
    { cwd: appDir, maxBuffer: 16 * 1024 * 1024 },
  );
  // Self-contained means no request to another host when the page is opened.
  const file = join(outDir, pageOf(entry));
  await writeFile(file, (await readFile(file, 'utf8')).replace(CDN_ASSET, BLANK_SVG));
}

function indexPage(differences, builtOn) {
  const rows = manifest.versions
    .map((entry) => {
      const served = isServed(entry, builtOn);
      return `<tr data-state="${entry.state}" data-not-before="${entry.notBefore ?? ''}">
  <td><a href="${pageOf(entry)}">${escapeHtml(entry.apiVersion)}</a></td>
  <td>${entry.state}${entry.version === manifest.current ? ' (recommended)' : ''}</td>
  <td>${entry.notBefore ?? '–'}</td>
  <td class="served">${served ? 'yes' : 'no'}</td>
</tr>`;
    })
    .join('\n');
  const contract =
    differences.length === 0
      ? `<p class="same">Every version describes the same operation, parameters, responses and schemas as ske ${manifest.current}; only the version number and the lifecycle differ.</p>`
      : `<table><thead><tr><th>Version</th><th>Where</th><th>ske ${manifest.current}</th><th>This version</th></tr></thead><tbody>
${differences
  .map(
    (difference) =>
      `<tr><td>ske ${escapeHtml(difference.version)}</td><td><code>${escapeHtml(difference.pointer)}</code></td><td><code>${escapeHtml(JSON.stringify(difference.expected) ?? 'absent')}</code></td><td><code>${escapeHtml(JSON.stringify(difference.actual) ?? 'absent')}</code></td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SKE API reference: versions</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 56rem; padding: 0 1rem; color: #1d1d1f; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { text-align: left; padding: .4rem .8rem; border-bottom: 1px solid #ddd; }
  td.served { font-weight: 600; }
  code { font-size: .9em; }
  .same { background: #eef8ee; padding: .6rem .8rem; border-radius: 4px; }
</style>
</head>
<body>
<h1>Samsung Cloud Platform SKE API reference</h1>
<p>One page per API version of <code>GET /v1/clusters/{cluster_id}/user-kubeconfig</code> (Show Cluster User Kubeconfig).
Choose the version per request with <code>Scp-Api-Version: ske 1.x</code>. A DEPRECATED version is no longer served once its Not Before date has arrived.</p>
<h2>Versions</h2>
<table id="versions">
<thead><tr><th>Version</th><th>State</th><th>Not Before</th><th>Supported today (<span id="today">${builtOn.toISOString().slice(0, 10)}</span>)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Differences between versions</h2>
${contract}
<script>
// "Supported today" is judged again with the reader's date, by @scp-ske/spec's own lifecycle rule
// (its functions, inlined at build time), so a cached build never shows a stale answer.
${[utcDay, judgeLifecycle, isServed].map(String).join('\n')}
(function () {
  var today = new Date();
  document.getElementById('today').textContent = utcDay(today);
  document.querySelectorAll('#versions tbody tr').forEach(function (row) {
    var entry = { state: row.dataset.state, notBefore: row.dataset.notBefore || null };
    row.querySelector('.served').textContent = isServed(entry, today) ? 'yes' : 'no';
  });
})();
</script>
</body>
</html>
`;
}

async function main() {
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await Promise.all(manifest.versions.map(buildPage));
  const documents = {};
  for (const entry of manifest.versions) documents[entry.version] = await loadDocument(entry.version, 'dereferenced');
  await writeFile(join(outDir, 'index.html'), indexPage(contractDifferences(documents, manifest.current), new Date()));
  console.log(`docs: ${manifest.versions.map(pageOf).join(', ')} and index.html in ${outDir}`);
}

await main();
