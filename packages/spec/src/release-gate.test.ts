/**
 * The breaking-change gate, on this repository (every `pnpm test`), and on copies of it in a temporary
 * directory (never the repository): a breaking edit is refused without a changeset and accepted with
 * one that releases enough; a description edit passes with none.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkReleaseGate, formatGateResult } from './release-gate.js';

const repoDir = fileURLToPath(new URL('../../../', import.meta.url));
// biome-ignore lint/suspicious/noExplicitAny: edits of plain JSON documents.
type Doc = any;

describe('the release gate on this repository', () => {
  it('passes: every breaking change since the last release has a changeset that releases enough', async () => {
    const result = await checkReleaseGate(repoDir);
    console.log(formatGateResult(result));
    expect(result.problems.map((problem) => problem.message)).toEqual([]);
  });
});

const copies: string[] = [];
afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * What the gate reads, copied: the workspace's manifests, changesets config, documents and baseline (no
 * pending changesets). The copy's baseline is re-recorded from its current documents, as a release would
 * write it, so that each test judges only its own edit, whatever the working tree changed since the release.
 */
function copyRepository(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scp-ske-gate-'));
  copies.push(dir);
  const copy = (path: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    cpSync(join(repoDir, path), join(dir, path), { recursive: true });
  };
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset/config.json']) copy(file);
  for (const root of ['packages', 'apps', 'tools'])
    for (const name of readdirSync(join(repoDir, root)))
      if (existsSync(join(repoDir, root, name, 'package.json'))) copy(`${root}/${name}/package.json`);
  for (const path of ['packages/spec/versions.json', 'packages/spec/released']) copy(path);
  for (const name of readdirSync(join(repoDir, 'packages/spec/openapi')))
    if (/^ske-\d+\.\d+\.json$/.test(name)) copy(`packages/spec/openapi/${name}`);
  releaseCurrentDocuments(dir);
  return dir;
}

/** Re-records the copy's release baseline from its current documents (what `pnpm release:baseline` writes). */
function releaseCurrentDocuments(dir: string): void {
  const releasedDir = join(dir, 'packages/spec/released');
  const record = JSON.parse(readFileSync(join(releasedDir, 'release.json'), 'utf8'));
  for (const [version, entry] of Object.entries(record.documents) as [string, { file: string; sha256: string }][]) {
    const text = readFileSync(join(dir, 'packages/spec/openapi', `ske-${version}.json`), 'utf8');
    writeFileSync(join(releasedDir, entry.file), text);
    entry.sha256 = createHash('sha256').update(text).digest('hex');
  }
  writeFileSync(join(releasedDir, 'release.json'), `${JSON.stringify(record, null, 2)}\n`);
}

function editDocument(dir: string, version: string, edit: (document: Doc) => void): void {
  const file = join(dir, 'packages/spec/openapi', `ske-${version}.json`);
  const document = JSON.parse(readFileSync(file, 'utf8'));
  edit(document);
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}

function addChangeset(dir: string, name: string, bumps: Record<string, string>): void {
  const lines = Object.entries(bumps).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(dir, '.changeset', `${name}.md`), `---\n${lines.join('\n')}\n---\n\nAn edit of the spec.\n`);
}

/** Three deliberate edits on ske 1.2: a required parameter added, a response field removed, a description changed. */
const requiredParameterAdded = (document: Doc) =>
  document.paths['/v1/clusters'].get.parameters.push({
    name: 'region',
    in: 'query',
    required: true,
    schema: { type: 'string' },
  });
const responsePropertyRemoved = (document: Doc) =>
  delete document.components.schemas.ClusterSummary.properties.node_count;
const descriptionChanged = (document: Doc) => {
  document.paths['/v1/clusters'].get.description = 'Lists the clusters an access key may see, a page at a time.';
};

const messages = async (dir: string) => {
  const result = await checkReleaseGate(dir);
  console.log(formatGateResult(result));
  return result.problems.map((problem) => problem.message);
};

describe('the release gate on an edited copy', () => {
  it('passes an unedited copy with no pending changeset', async () => {
    expect(await messages(copyRepository())).toEqual([]);
  });

  it('refuses a required parameter added without a changeset, naming the change, the version and the packages', async () => {
    const dir = copyRepository();
    editDocument(dir, '1.2', requiredParameterAdded);
    expect(await messages(dir)).toEqual([
      'ske 1.2: breaking change needs a minor changeset for @scp-ske/spec, @scp-ske/client-1.2, @scp-ske/emulator and @scp-ske/cli (pending: @scp-ske/spec: none, @scp-ske/client-1.2: none, @scp-ske/emulator: none, @scp-ske/cli: none): #/paths/~1v1~1clusters/get/parameters/9 — GET /v1/clusters: required query parameter `region` added (a request without it is refused)',
    ]);
  });

  it('refuses a response property removed', async () => {
    const dir = copyRepository();
    editDocument(dir, '1.2', responsePropertyRemoved);
    const found = await messages(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^ske 1\.2: breaking change needs a minor changeset for @scp-ske\/spec, @scp-ske\/client-1\.2, @scp-ske\/emulator and @scp-ske\/cli /,
    );
    expect(found[0]).toContain(
      '#/paths/~1v1~1clusters/get/responses/200/content/application~1json/schema/properties/clusters/items/properties/node_count',
    );
  });

  it('passes a description edit with no changeset (informational)', async () => {
    // What the working tree already changed in 1.2 since the release (nothing, unless someone is editing it).
    const changesOf = async (dir: string) =>
      (await checkReleaseGate(dir)).versions.find((report) => report.version === '1.2')?.changes ?? [];
    const before = await changesOf(copyRepository());
    const dir = copyRepository();
    editDocument(dir, '1.2', descriptionChanged);
    const result = await checkReleaseGate(dir);
    expect(result.problems).toEqual([]);
    const after = await changesOf(dir);
    expect(after).toHaveLength(before.length + 1);
    expect(after).toEqual(
      expect.arrayContaining([
        ...before,
        {
          severity: 'informational',
          pointer: '#/paths/~1v1~1clusters/get/description',
          message: 'GET /v1/clusters: description changed',
        },
      ]),
    );
  });

  it('accepts the breaking edit with a minor changeset for every package it affects, or more than needed', async () => {
    const dir = copyRepository();
    editDocument(dir, '1.2', requiredParameterAdded);
    addChangeset(dir, 'region', {
      '@scp-ske/spec': 'minor',
      '@scp-ske/client-1.2': 'minor',
      '@scp-ske/emulator': 'minor',
      '@scp-ske/cli': 'minor',
    });
    expect(await messages(dir)).toEqual([]);
    addChangeset(dir, 'region', {
      '@scp-ske/spec': 'major',
      '@scp-ske/client-1.2': 'major',
      '@scp-ske/emulator': 'major',
      '@scp-ske/cli': 'major',
    });
    expect(await messages(dir)).toEqual([]);
  });

  it('refuses a patch, and names only the package still lacking a minor', async () => {
    const dir = copyRepository();
    editDocument(dir, '1.2', requiredParameterAdded);
    addChangeset(dir, 'region', { '@scp-ske/spec': 'patch', '@scp-ske/client-1.2': 'patch' });
    expect((await messages(dir))[0]).toMatch(
      /^ske 1\.2: breaking change needs a minor changeset for @scp-ske\/spec, @scp-ske\/client-1\.2, @scp-ske\/emulator and @scp-ske\/cli \(pending: @scp-ske\/spec: patch, @scp-ske\/client-1\.2: patch, /,
    );
    addChangeset(dir, 'region', { '@scp-ske/spec': 'minor', '@scp-ske/emulator': 'minor', '@scp-ske/cli': 'minor' });
    expect((await messages(dir))[0]).toMatch(
      /^ske 1\.2: breaking change needs a minor changeset for @scp-ske\/client-1\.2 \(pending: @scp-ske\/client-1\.2: none\)/,
    );
  });

  it('asks for the emulator and the CLI too: with only a patch, a consumer pinned to the old range gets an emulator that refuses its client', async () => {
    const dir = copyRepository();
    editDocument(dir, '1.2', requiredParameterAdded);
    addChangeset(dir, 'region', { '@scp-ske/spec': 'minor', '@scp-ske/client-1.2': 'minor' });
    expect((await messages(dir))[0]).toMatch(
      /^ske 1\.2: breaking change needs a minor changeset for @scp-ske\/emulator and @scp-ske\/cli \(pending: @scp-ske\/emulator: (none|patch), @scp-ske\/cli: (none|patch)\)/,
    );
  });

  it('counts the client group as changesets release it: a minor of one client is a minor of all (fixed)', async () => {
    const dir = copyRepository();
    editDocument(dir, '1.2', requiredParameterAdded);
    addChangeset(dir, 'region', {
      '@scp-ske/spec': 'minor',
      '@scp-ske/client-1.0': 'minor',
      '@scp-ske/emulator': 'minor',
      '@scp-ske/cli': 'minor',
    });
    expect(await messages(dir)).toEqual([]);
  });

  it('asks for a major once a package is 1.0 or later', async () => {
    const dir = copyRepository();
    for (const path of ['packages/spec/package.json', 'packages/client-1.2/package.json']) {
      const file = join(dir, path);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version: '1.4.0' }));
    }
    const record = join(dir, 'packages/spec/released/release.json');
    const released = JSON.parse(readFileSync(record, 'utf8'));
    released.packages['@scp-ske/spec'] = '1.4.0';
    writeFileSync(record, JSON.stringify(released));
    editDocument(dir, '1.2', requiredParameterAdded);
    addChangeset(dir, 'region', { '@scp-ske/spec': 'minor', '@scp-ske/client-1.2': 'minor' });
    // Each package with its own bump: the emulator and the CLI are still 0.x.
    expect((await messages(dir))[0]).toMatch(
      /^ske 1\.2: breaking change needs a major changeset for @scp-ske\/spec and @scp-ske\/client-1\.2, and a minor for @scp-ske\/emulator and @scp-ske\/cli \(pending: @scp-ske\/spec: minor, @scp-ske\/client-1\.2: minor, /,
    );
  });

  it('treats a version with no released document as new (informational), and a released version gone as breaking', async () => {
    const dir = copyRepository();
    const record = join(dir, 'packages/spec/released/release.json');
    const released = JSON.parse(readFileSync(record, 'utf8'));
    released.documents['0.9'] = { ...released.documents['1.0'], file: 'ske-0.9.json' };
    cpSync(join(dir, 'packages/spec/released/ske-1.0.json'), join(dir, 'packages/spec/released/ske-0.9.json'));
    delete released.documents['1.3'];
    writeFileSync(record, JSON.stringify(released));
    const result = await checkReleaseGate(dir);
    expect(result.versions.find((report) => report.version === '1.3')).toMatchObject({ status: 'new' });
    expect(result.problems.map((problem) => problem.message)).toEqual([
      'ske 0.9: breaking change needs a minor changeset for @scp-ske/spec, @scp-ske/emulator and @scp-ske/cli (pending: @scp-ske/spec: none, @scp-ske/emulator: none, @scp-ske/cli: none): # — ske 0.9 removed from the spec (its documents are no longer published)',
    ]);
  });

  it('refuses a baseline whose recorded document is missing, naming the file (not a crash)', async () => {
    const dir = copyRepository();
    rmSync(join(dir, 'packages/spec/released/ske-1.1.json'));
    expect(await messages(dir)).toEqual([
      'packages/spec/released/ske-1.1.json is missing, though release.json records it for ske 1.1: released/ is written by `pnpm release:baseline`, never by hand',
    ]);
  });

  it('refuses a baseline that the release command did not write (another package version, or an edited document)', async () => {
    const dir = copyRepository();
    const specPackage = join(dir, 'packages/spec/package.json');
    writeFileSync(specPackage, JSON.stringify({ ...JSON.parse(readFileSync(specPackage, 'utf8')), version: '0.9.0' }));
    writeFileSync(join(dir, 'packages/spec/released/ske-1.1.json'), '{}');
    const recorded = JSON.parse(readFileSync(join(dir, 'packages/spec/released/release.json'), 'utf8')).packages;
    expect(await messages(dir)).toEqual([
      expect.stringContaining(
        `packages/spec/released/ records @scp-ske/spec@${recorded['@scp-ske/spec']}, but the package is 0.9.0`,
      ),
      'packages/spec/released/ske-1.1.json is not the document release.json records: released/ is written by `pnpm release:baseline`, never by hand',
    ]);
  });
});
