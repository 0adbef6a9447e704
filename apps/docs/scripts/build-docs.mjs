/**
 * Builds the HTML reference: one self-contained page per SKE version (`redocly build-docs
 * --inlineBundle` on a copy of the bundled document @scp-ske/spec publishes: a link back to the index and
 * the version's lifecycle in words at the top, each operation's description opened with the versions that
 * have it and its provenance for that version, its `x-codeSamples` in the samples panel) and `index.html`, which
 * lists every version with its state, Not Before date and whether it is served today, every version's
 * operations (method and path, IAM action, confirmed or assumed), which versions have each operation,
 * what differs between versions and on what evidence (`declaredDifferences`: the spec's `x-scp-since` and
 * `x-scp-required-since`), whatever else differs (`contractDifferences`, the comparison the compatibility
 * app uses: none, when every difference is declared), and each version's change list against the version
 * before it (`diffSpecs` from `@scp-ske/spec/diff`, the classification the release gate and
 * `pnpm spec:diff` use).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  contractDifferences,
  declaredDifferences,
  describeDeclaredDifference,
  isServed,
  judgeLifecycle,
  loadDocument,
  manifest,
  utcDay,
} from '@scp-ske/spec';
import { countSeverities, diffSpecs, SEVERITIES } from '@scp-ske/spec/diff';

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

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Every operation of a document, in its order: `{ path, method, operation }`. */
function operationsOf(document) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );
}

/** Where Redoc shows an operation: `#/<tag>/<operationid>`, both lower case. */
const anchorOf = (operation) =>
  `#/${String(operation.tags?.[0] ?? '').toLowerCase()}/${operation.operationId.toLowerCase()}`;

/**
 * Whether the operation's `x-scp-provenance` confirms it for `version`, or it is only assumed unchanged
 * from the versions it does confirm: `{ confirmed, text }`, e.g. "assumed (confirmed for ske 1.0)".
 */
function provenanceFor(operation, version) {
  const provenance = operation['x-scp-provenance'];
  if (!provenance) return { confirmed: false, text: 'unknown', provenance };
  const confirmed = provenance.confirmed.includes(version);
  const others = provenance.confirmed.map((one) => `ske ${one}`).join(', ') || 'no version';
  return { confirmed, text: confirmed ? 'confirmed' : `assumed (confirmed for ${others})`, provenance };
}

/**
 * The Markdown each operation's description opens with on a version's page: the versions that have it
 * (each a link to its page) and its provenance for this version. Its IAM action, its version's lifecycle
 * and its provenance are in the description itself (the bundle writes them, for every renderer).
 */
function operationFacts(operation, entry, availability) {
  const { confirmed, text, provenance } = provenanceFor(operation, entry.version);
  const source = provenance
    ? confirmed
      ? ` by ${provenance.document}.`
      : ` from ${provenance.document}.`
    : ': no x-scp-provenance.';
  const versions = (availability.get(operation.operationId) ?? [entry.version])
    .map((version) =>
      version === entry.version ? `ske ${version}` : `[ske ${version}](ske-${version}.html${anchorOf(operation)})`,
    )
    .join(', ');
  return [`**Available in:** ${versions}.`, '', `**Provenance for ${entry.apiVersion}:** ${text}${source}`].join('\n');
}

/**
 * The operation's `x-codeSamples` (the bundle writes them) as Markdown, at the end of its description: Redoc
 * shows them in its samples panel only on wide screens, and the description everywhere.
 */
function samplesText(operation) {
  const samples = operation['x-codeSamples'] ?? [];
  if (samples.length === 0) return '';
  const fence = { TypeScript: 'ts', Shell: 'sh', HTTP: 'http' };
  const blocks = samples.map(
    (sample) =>
      `**${sample.label ?? sample.lang}**\n\n\`\`\`${fence[sample.lang] ?? ''}\n${sample.source.trimEnd()}\n\`\`\``,
  );
  return `\n\n### Samples\n\n${blocks.join('\n\n')}`;
}

/** What a version's lifecycle means on the day the page is built, in words. */
function lifecycleToday(entry, builtOn) {
  const day = utcDay(builtOn);
  const verdict = judgeLifecycle(entry, builtOn);
  if (verdict.kind === 'retired')
    return `On ${day} it is no longer served: the service answers it with 406 NoSuchVersion.`;
  if (verdict.kind === 'warn')
    return `On ${day} it is still served, but past its Not Before date or deprecated: move to ske ${manifest.current}.`;
  return `On ${day} it is served.`;
}

/**
 * A copy of the version's bundled document for its page: a link back to the index and the lifecycle in
 * words at the top of its description, and each operation's facts at the top of its own.
 */
async function annotatedDocument(entry, dir, availability, builtOn) {
  const document = await loadDocument(entry.version, 'bundled');
  const notBefore = entry.notBefore ? `, Not Before ${entry.notBefore}` : ', no Not Before date';
  document.info.description = [
    '[← All versions, their lifecycle and differences](index.html)',
    '',
    `**Lifecycle:** ${entry.apiVersion} is ${entry.state}${notBefore}. ${lifecycleToday(entry, builtOn)}`,
    '',
    document.info.description ?? '',
  ].join('\n');
  for (const { operation } of operationsOf(document)) {
    const facts = operationFacts(operation, entry, availability);
    operation.description = `${facts}\n\n${operation.description ?? ''}`.trimEnd() + samplesText(operation);
  }
  const file = join(dir, `ske-${entry.version}.json`);
  await writeFile(file, JSON.stringify(document));
  return file;
}

async function buildPage(entry, dir, availability, builtOn) {
  const title = `SKE API ${entry.apiVersion} (${entry.state})`;
  await run(
    process.execPath,
    [
      redocly,
      'build-docs',
      await annotatedDocument(entry, dir, availability, builtOn),
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

/** One table per version: each operation, its method and path, its IAM action, and confirmed or assumed. */
function operationTables(documents) {
  return manifest.versions
    .map((entry) => {
      const rows = operationsOf(documents[entry.version])
        .map(({ path, method, operation }) => {
          const { confirmed, text } = provenanceFor(operation, entry.version);
          return `<tr data-operation-id="${escapeHtml(operation.operationId)}">
  <td><a href="${pageOf(entry)}${anchorOf(operation)}">${escapeHtml(operation.summary ?? operation.operationId)}</a><br><code>${escapeHtml(operation.operationId)}</code></td>
  <td><code>${method.toUpperCase()} ${escapeHtml(path)}</code></td>
  <td><code>${escapeHtml(operation['x-scp-action-id'] ?? 'none')}</code></td>
  <td class="${confirmed ? 'confirmed' : 'assumed'}">${escapeHtml(text)}</td>
</tr>`;
        })
        .join('\n');
      return `<h3>${escapeHtml(entry.apiVersion)}</h3>
<table class="operations" data-version="${entry.version}">
<thead><tr><th>Operation</th><th>Method and path</th><th>IAM action</th><th>Provenance</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
    })
    .join('\n');
}

/** Every operation of any version (the current version's first), with the versions that have it and why the others do not. */
function operationVersions(documents, declared) {
  const byId = new Map();
  for (const entry of [...manifest.versions].reverse()) {
    for (const { operation } of operationsOf(documents[entry.version])) {
      const known = byId.get(operation.operationId) ?? { operation, versions: [] };
      known.versions.unshift(entry.version);
      byId.set(operation.operationId, known);
    }
  }
  const rows = [...byId.values()]
    .map(({ operation, versions }) => {
      const since = declared.find((one) => one.operation === operation.operationId && one.change === 'added');
      const why = since ? `${describeDeclaredDifference(since)} (${since.strength ?? 'strength not given'})` : '';
      return `<tr data-operation-id="${escapeHtml(operation.operationId)}"><td><code>${escapeHtml(operation.operationId)}</code></td><td>${versions.map((version) => `ske ${version}`).join(', ')}</td><td>${escapeHtml(why)}</td></tr>`;
    })
    .join('\n');
  return `<table id="operation-versions">
<thead><tr><th>Operation</th><th>Versions that have it</th><th>Why not the others</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** The differences between versions the spec declares: what, from which version, which versions lack it, how sure, on what. */
function declaredTable(declared) {
  if (declared.length === 0) return '<p>The spec declares no difference between versions.</p>';
  const rows = declared
    .map(
      (one) =>
        `<tr><td>${escapeHtml(describeDeclaredDifference(one))}</td><td>${one.lacking.map((version) => `ske ${version}`).join(', ')}</td><td>${escapeHtml(one.operations.join(', '))}</td><td>${escapeHtml(one.strength ?? 'not given')}</td><td>${escapeHtml(one.evidence ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<table id="declared">
<thead><tr><th>What</th><th>Not in</th><th>Operations</th><th>Strength</th><th>Evidence</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
}

/** Each version's changes against the version before it: counts, then one row per change, worst first. */
function changeLists(bundled) {
  return manifest.versions
    .slice(1)
    .map((entry, index) => {
      const previous = manifest.versions[index];
      const changes = diffSpecs(bundled[previous.version], bundled[entry.version]).sort(
        (a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
      );
      const counts = countSeverities(changes);
      const rows = changes
        .map(
          (change) =>
            `<tr class="${change.severity}"><td>${change.severity}</td><td><code>${escapeHtml(change.pointer)}</code></td><td>${escapeHtml(change.message)}</td></tr>`,
        )
        .join('\n');
      return `<h3>${escapeHtml(entry.apiVersion)} against ${escapeHtml(previous.apiVersion)}</h3>
<p class="counts">${SEVERITIES.map((severity) => `${counts[severity]} ${severity}`).join(', ')}</p>
<table class="changes" data-version="${entry.version}" data-previous="${previous.version}">
<thead><tr><th>Severity</th><th>Where (JSON pointer, dereferenced document)</th><th>What changed</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
    })
    .join('\n');
}

function indexPage(documents, differences, declared, builtOn, changes) {
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
      ? `<p class="same">Apart from these, every version describes the same operations, parameters, responses and schemas as ske ${manifest.current}; only the version number and the lifecycle differ.</p>`
      : `<p>Differences from ske ${manifest.current} (narrowed to each version by the differences above) that the spec does not declare:</p>
<table id="undeclared"><thead><tr><th>Version</th><th>Where</th><th>ske ${manifest.current}</th><th>This version</th></tr></thead><tbody>
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
  body { font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1d1d1f; }
  table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
  th, td { text-align: left; padding: .4rem .8rem; border-bottom: 1px solid #ddd; }
  td.served { font-weight: 600; }
  table.operations { font-size: .9em; }
  table.operations td:nth-child(2) code { white-space: nowrap; }
  td.assumed { color: #8a5a00; }
  td.confirmed { color: #1d6b2b; }
  table.changes, table#declared { font-size: .85em; }
  table.changes td:nth-child(2) { width: 45%; word-break: break-all; }
  tr.breaking td:first-child { color: #a11; font-weight: 600; }
  tr.non-breaking td:first-child { color: #8a5a00; }
  code { font-size: .9em; }
  .same { background: #eef8ee; padding: .6rem .8rem; border-radius: 4px; }
</style>
</head>
<body>
<h1>Samsung Cloud Platform SKE API reference</h1>
<p>One page per API version, with every operation of the SKE API.
Choose the version per request with <code>Scp-Api-Version: ske 1.x</code>. A DEPRECATED version is no longer served once its Not Before date has arrived.</p>
<h2>Versions</h2>
<table id="versions">
<thead><tr><th>Version</th><th>State</th><th>Not Before</th><th>Supported today (<span id="today">${builtOn.toISOString().slice(0, 10)}</span>)</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Operations</h2>
<p>Each version's operations, with the IAM action a key needs for it. <em>Confirmed</em>: a document of SCP's describes the operation for that version.
<em>Assumed</em>: SCP's documents describe it for other versions only, and this version is assumed unchanged.</p>
${operationTables(documents)}
<h3>Which versions have each operation</h3>
${operationVersions(documents, declared)}
<h2>Differences between versions</h2>
<p>Where versions differ, the spec says so as data (<code>x-scp-since</code>: from which version an operation or a field exists;
<code>x-scp-required-since</code>: from which version a field is required), with how sure it is and on what evidence. Each version's
page, and its client, has exactly its own operations and fields.</p>
${declaredTable(declared)}
${contract}
<h2>Changes from the previous version</h2>
<p>Each version against the one before it, change by change: <em>breaking</em> (a consumer of the earlier version can fail on this one),
<em>non-breaking</em> (the contract changed, and every consumer keeps working) or <em>informational</em> (descriptions, examples, the version's
own number and lifecycle). The same classification guards releases (<code>pnpm spec:diff</code>, RELEASING.md).</p>
${changes}
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
  const documents = {};
  const bundled = {};
  for (const entry of manifest.versions) {
    documents[entry.version] = await loadDocument(entry.version, 'dereferenced');
    bundled[entry.version] = await loadDocument(entry.version, 'bundled');
  }
  /** operationId → the versions that have it, oldest first. */
  const availability = new Map();
  for (const entry of manifest.versions) {
    for (const { operation } of operationsOf(bundled[entry.version])) {
      availability.set(operation.operationId, [...(availability.get(operation.operationId) ?? []), entry.version]);
    }
  }
  const builtOn = new Date();
  const work = await mkdtemp(join(tmpdir(), 'scp-ske-docs-'));
  try {
    await Promise.all(manifest.versions.map((entry) => buildPage(entry, work, availability, builtOn)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  await writeFile(
    join(outDir, 'index.html'),
    indexPage(
      documents,
      contractDifferences(documents, manifest.current),
      declaredDifferences(documents),
      builtOn,
      changeLists(bundled),
    ),
  );
  console.log(`docs: ${manifest.versions.map(pageOf).join(', ')} and index.html in ${outDir}`);
}

await main();
