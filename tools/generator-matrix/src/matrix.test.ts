/**
 * The generator matrix: for each generator, a client generated from the CURRENT version's bundled
 * document, typechecked with `tsc --strict` together with its adapter (adapters/), then every operation
 * of the version called against the emulator through @scp-ske/signing's `createSignedFetch`, checking
 * each answer: the spec's success status; a kubeconfig that is a string kubectl reads (YAML, `kind:
 * Config`); a `status` filter of two values that returns both clusters; request bodies that arrive as
 * sent (the emulator's recorded requests). Spectral's `spectral:oas` runs on every version. The table
 * goes to reports/generator-matrix.md (here and at the repository root).
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CLUSTERS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { createSignedFetch } from '@scp-ske/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Adapter } from '../adapters/types.js';
import { GENERATORS, installedVersion, NOT_TESTABLE, PACKAGE_ROOT } from './generators.js';
import { type Call, planCalls } from './plan.js';
import { type GeneratorRow, renderTable, type SpectralRow } from './table.js';

const run = promisify(execFile);
// GENERATOR_MATRIX_SPEC: another @scp-ske/spec folder (versions.json, openapi/), e.g. an earlier release's.
const SPEC = process.env.GENERATOR_MATRIX_SPEC ?? join(PACKAGE_ROOT, 'node_modules', '@scp-ske', 'spec');
const versions = (
  JSON.parse(readFileSync(join(SPEC, 'versions.json'), 'utf8')) as { versions: { version: string; state: string }[] }
).versions;
const current = versions.find((entry) => entry.state === 'CURRENT')?.version ?? '1.3';
const bundled = (version: string) => join(SPEC, 'openapi', `ske-${version}.json`);
const dereferenced = JSON.parse(readFileSync(join(SPEC, 'openapi', `ske-${current}.dereferenced.json`), 'utf8'));
const GENERATED = join(PACKAGE_ROOT, 'reports', 'generated');

const [cluster, other] = DEFAULT_CLUSTERS as [(typeof DEFAULT_CLUSTERS)[0], (typeof DEFAULT_CLUSTERS)[1]];
const CLUSTERS = [cluster, { ...other, status: 'ERROR' }];
const ids = { clusterId: cluster.id, nodepoolId: cluster.nodepools?.[0]?.id ?? '' };
const calls = planCalls(dereferenced, ids);

const rows: GeneratorRow[] = [];
const spectral: SpectralRow[] = [];

afterAll(() => {
  const table = renderTable({ apiVersion: `ske ${current}`, generators: rows, spectral, notTestable: NOT_TESTABLE });
  const folders = process.env.GENERATOR_MATRIX_SPEC
    ? [join(PACKAGE_ROOT, 'reports', 'other-spec')]
    : [join(PACKAGE_ROOT, 'reports'), join(PACKAGE_ROOT, '..', '..', 'reports')];
  for (const folder of folders) {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'generator-matrix.md'), table);
  }
});

describe('spectral:oas', () => {
  it.each(versions.map((entry) => entry.version))('finds nothing to warn about in ske %s', async (version) => {
    const { stdout } = await run(
      join(PACKAGE_ROOT, 'node_modules', '.bin', 'spectral'),
      [
        'lint',
        '--ruleset',
        join(PACKAGE_ROOT, '.spectral.yaml'),
        '--format',
        'json',
        '--quiet',
        '--fail-severity',
        'error',
        bundled(version),
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const results = JSON.parse(stdout || '[]') as { code: string; message: string; severity: number; path: string[] }[];
    const problems = results.filter((result) => result.severity <= 1);
    spectral.push({
      version,
      errors: problems.filter((p) => p.severity === 0).length,
      warnings: problems.filter((p) => p.severity === 1).length,
    });
    expect(problems.map((problem) => `${problem.code} ${problem.path.join('.')}: ${problem.message}`)).toEqual([]);
  });
});

/** Checks one answer; returns what is wrong, or undefined. */
function wrongAnswer(
  call: Call,
  answer: { status: number; data: unknown },
  emulator: Emulator,
  before: number,
): string | undefined {
  if (answer.status !== call.status) return `status ${answer.status}, expected ${call.status}`;
  if (call.kubeconfig) {
    if (typeof answer.data !== 'string')
      return `kubeconfig is ${answer.data === null ? 'null' : typeof answer.data}, not a string`;
    if ((parse(answer.data) as { kind?: unknown })?.kind !== 'Config')
      return 'kubeconfig is not a kind: Config document';
  }
  if (call.query.status) {
    const found = ((answer.data as { clusters?: { id: string }[] })?.clusters ?? []).map((item) => item.id).sort();
    const expected = CLUSTERS.map((item) => item.id).sort();
    if (JSON.stringify(found) !== JSON.stringify(expected))
      return `status filter of two values: ${found.length} clusters, expected ${expected.length}`;
  }
  const sent = emulator.requests.slice(before);
  if (sent.some((request) => request.apiVersion !== `ske ${current}`)) return 'Scp-Api-Version not sent';
  if (call.body !== undefined) {
    const arrived = sent.at(-1)?.body;
    if (JSON.stringify(arrived) !== JSON.stringify(call.body)) return 'request body did not arrive as sent';
  }
  return undefined;
}

describe.each(GENERATORS)('$id', (generator) => {
  const output = join(GENERATED, generator.id);
  const row: GeneratorRow = {
    name: generator.package,
    version: installedVersion(generator.package),
    command: generator.command,
    generated: false,
    typechecked: false,
    calls: [],
  };
  let emulator: Emulator;
  let adapter: Adapter;
  // Before generating (orval reads its mutator) and after (some generators empty their output folder).
  const copyAdapters = () => {
    for (const file of ['types.ts', ...generator.adapters])
      copyFileSync(join(PACKAGE_ROOT, 'adapters', file), join(output, file));
  };

  beforeAll(async () => {
    rows.push(row);
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { recursive: true });
    copyAdapters();
    emulator = await startEmulator({ host: '127.0.0.1', port: 0, transitionMs: 1, clusters: CLUSTERS });
  });

  afterAll(async () => {
    await emulator?.close();
  });

  it('generates a client from the bundled document', async () => {
    const printed = await generator.generate(bundled(current), output);
    copyAdapters();
    row.warnings = printed
      .split('\n')
      .filter((line) => /warn|must not|⚠/i.test(line))
      .map((line) => line.trim());
    row.generated = true;
  });

  it('typechecks with --strict, together with its adapter', async () => {
    expect(row.generated).toBe(true);
    const tsconfig = {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'Bundler',
        allowImportingTsExtensions: true,
        strict: true,
        skipLibCheck: true,
        noEmit: true,
        types: ['node'],
      },
      include: ['**/*.ts'],
      exclude: ['*.config.ts'],
    };
    writeFileSync(join(output, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = join(PACKAGE_ROOT, 'node_modules', '.bin', 'tsc');
    const result = await run(tsc, ['-p', join(output, 'tsconfig.json')], { cwd: output }).catch(
      (error: { stdout: string }) => error,
    );
    row.typeErrors = 'stdout' in result && result.stdout ? result.stdout.split('\n').filter(Boolean).slice(0, 5) : [];
    expect(row.typeErrors).toEqual([]);
    row.typechecked = true;
  });

  it('calls every operation correctly through createSignedFetch', async () => {
    expect(row.generated).toBe(true);
    const [credentials] = emulator.credentials;
    const fetch = createSignedFetch({ credentials, retry: { maxRetries: 0 } });
    const module = (await import(join(output, generator.adapters[0] as string))) as {
      createAdapter: (options: object) => Adapter;
    };
    adapter = module.createAdapter({ baseUrl: emulator.url, fetch, apiVersion: `ske ${current}` });
    const typed = await adapter.kubeconfig(ids.clusterId).then(
      (text) =>
        (parse(text) as { kind?: string })?.kind === 'Config' ? undefined : 'typed kubeconfig call: not a kubeconfig',
      (error: unknown) => `typed kubeconfig call threw ${String((error as Error)?.message ?? error).slice(0, 120)}`,
    );
    row.calls.push({ label: 'createClusterKubeconfig, through the generated types', problem: typed });
    const listed = await adapter.clusterIds(['RUNNING', 'ERROR']).then(
      (found) =>
        found.length === CLUSTERS.length ? undefined : `typed status filter: ${found.length} clusters, expected 2`,
      (error: unknown) => `typed listClusters threw ${String((error as Error)?.message ?? error).slice(0, 120)}`,
    );
    row.calls.push({ label: 'listClusters status filter, through the generated types', problem: listed });
    for (const call of calls) {
      const before = emulator.requests.length;
      const problem = await adapter.call(call).then(
        (answer) => wrongAnswer(call, answer, emulator, before),
        (error: unknown) => `threw ${String((error as Error)?.message ?? error).slice(0, 120)}`,
      );
      row.calls.push({ label: call.label, problem });
    }
    expect(row.calls.filter((entry) => entry.problem)).toEqual([]);
  });
});
