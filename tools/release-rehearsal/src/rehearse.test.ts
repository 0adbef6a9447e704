/**
 * Runs `pnpm release:rehearse` (src/rehearse.mjs) end to end, on the repository's HEAD, and checks what it
 * found, not only its exit code: the versions each release published, the gate's refusal, no `workspace:`
 * or `catalog:` in any published manifest, what each consumer installed and what its calls answered.
 * Verdaccio and the emulators listen on 127.0.0.1 only; the script stops them and deletes its folder.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = fileURLToPath(new URL('./rehearse.mjs', import.meta.url));
/** Where the script writes what it found (and the report beside it, which turbo keeps with the test's cache). */
const JSON_REPORT = fileURLToPath(new URL('../reports/release-rehearsal.json', import.meta.url));

interface Call {
  required?: string[];
  status?: number;
  code?: string;
  error?: string;
}
interface ConsumerRun {
  exitCode: number;
  installed: Record<string, string>;
  contract: { emulatorSpecSha256: string; listClustersParameters: string[] };
  operations: Record<string, Call>;
  conveniences: Record<string, Call & { contexts?: string[] }>;
  listClustersWithoutArguments: Call;
  cli?: { version: string; clustersList: { exitCode: number; stdout: string; stderr?: string } };
}
interface Release {
  published: string[];
  versions: Record<string, string>;
}
interface Plan {
  name: string;
  type: string;
  newVersion: string;
}
interface Result {
  ok: boolean;
  head: string;
  expectations: { name: string; ok: boolean; detail: string }[];
  release1: Release;
  release2: Release;
  consumer1: { ranges: Record<string, string>; run: ConsumerRun };
  gateRefused: { exitCode: number; refusals: string[] };
  gatePassed: { exitCode: number };
  greenAfterVersion: { exitCode: number };
  minimumPlan: Plan[];
  plan: Plan[];
  manifests: { manifests: number; offending: string[] };
  contracts: { release1: string; release2: string };
  pinned: { ranges: Record<string, string>; tree: { all: Record<string, string[]> }; run: ConsumerRun };
  fresh: { run: ConsumerRun };
}

let exitCode: number | null = null;
let result: Result;

beforeAll(() => {
  rmSync(JSON_REPORT, { force: true });
  // The command `pnpm release:rehearse` runs; its output goes straight to this process's (turbo shows it on failure).
  exitCode = spawnSync(process.execPath, [SCRIPT], { cwd: REPO, stdio: ['ignore', 'inherit', 'inherit'] }).status;
  result = JSON.parse(readFileSync(JSON_REPORT, 'utf8'));
}, 1_800_000);

const minor = (version: string) => {
  const [major = 0, minorPart = 0] = version.split('.').map(Number);
  return `${major}.${minorPart + 1}.0`;
};
const versions: string[] = JSON.parse(readFileSync(join(REPO, 'packages/spec/versions.json'), 'utf8')).versions.map(
  (entry: { version: string }) => entry.version,
);
const publishable = [
  '@scp-ske/cli',
  '@scp-ske/client',
  '@scp-ske/emulator',
  '@scp-ske/signing',
  '@scp-ske/spec',
].concat(versions.map((version) => `@scp-ske/client-${version}`));

describe('pnpm release:rehearse', () => {
  it('passes every expectation and exits 0', () => {
    expect(result.expectations.filter(({ ok }) => !ok)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(exitCode).toBe(0);
  });

  it('leaves the versioned repository green: lint (CHANGELOG.md files included), typecheck, generated files', () => {
    expect(result.greenAfterVersion).toEqual({ exitCode: 0 });
  });

  it('release 1 publishes every publishable package at the version changeset version gave it', () => {
    expect(Object.keys(result.release1.versions).sort()).toEqual([...publishable].sort());
    expect(result.release1.published).toEqual(
      Object.entries(result.release1.versions)
        .map(([name, version]) => `${name}@${version}`)
        .sort(),
    );
    // The client group is one version.
    expect(new Set(versions.map((version) => result.release1.versions[`@scp-ske/client-${version}`])).size).toBe(1);
  });

  it('installs and runs the first release as a consumer: every call 200, the scp-ske bin lists the demo clusters', () => {
    const run = result.consumer1.run;
    const first = result.release1.versions;
    expect(result.consumer1.ranges).toEqual({
      '@scp-ske/cli': `^${first['@scp-ske/cli']}`,
      '@scp-ske/client-1.3': `^${first['@scp-ske/client-1.3']}`,
      '@scp-ske/emulator': `^${first['@scp-ske/emulator']}`,
    });
    expect(Object.values(run.operations).map((call) => call.status)).toEqual(
      Object.keys(run.operations).map(() => 200),
    );
    expect(Object.keys(run.operations)).toEqual(
      expect.arrayContaining(['listClusters', 'showCluster', 'showClusterUserKubeconfig', 'createClusterKubeconfig']),
    );
    expect(run.conveniences.getUserKubeconfig?.contexts).toEqual(['demo-cluster']);
    expect(run.cli?.version).toBe(first['@scp-ske/cli']);
    expect(run.cli?.clustersList.exitCode).toBe(0);
    expect(run.cli?.clustersList.stdout).toMatch(
      /^NAME\s+ID\s+STATUS[\s\S]*demo-cluster\s+70a599e031e749b7b260868f441e862b\s+RUNNING/,
    );
  });

  it('the gate refuses the breaking edit without a changeset: one refusal per version, naming the packages and the change', () => {
    expect(result.gateRefused.exitCode).not.toBe(0);
    expect(result.gateRefused.refusals).toHaveLength(versions.length);
    for (const [index, version] of versions.entries())
      expect(result.gateRefused.refusals[index]).toMatch(
        new RegExp(
          `^ske ${version.replace('.', '\\.')}: breaking change needs a minor changeset for @scp-ske/spec, @scp-ske/client-${version.replace('.', '\\.')}, @scp-ske/emulator and @scp-ske/cli \\(pending: @scp-ske/spec: none, @scp-ske/client-${version.replace('.', '\\.')}: none, @scp-ske/emulator: none, @scp-ske/cli: none\\): #/paths/~1v1~1clusters/get/parameters/\\d+ — GET /v1/clusters: required query parameter \`region\` added \\(a request without it is refused\\)$`,
        ),
      );
    expect(result.gatePassed.exitCode).toBe(0);
  });

  it('with a minor of the spec and its client alone, changesets would release the emulator and the CLI as patches (why the gate asks a minor of them too)', () => {
    const type = (plan: Plan[], name: string) => plan.find((release) => release.name === name)?.type;
    expect(type(result.minimumPlan, '@scp-ske/spec')).toBe('minor');
    expect(type(result.minimumPlan, '@scp-ske/emulator')).toBe('patch');
    expect(type(result.minimumPlan, '@scp-ske/cli')).toBe('patch');
    for (const name of ['@scp-ske/spec', '@scp-ske/client-1.3', '@scp-ske/emulator', '@scp-ske/cli'])
      expect(type(result.plan, name)).toBe('minor');
  });

  it('release 2 moves the spec, the whole client group, the emulator and the CLI a minor; signing is not republished', () => {
    const [first, second] = [result.release1.versions, result.release2.versions];
    for (const name of [
      '@scp-ske/spec',
      '@scp-ske/emulator',
      '@scp-ske/cli',
      ...versions.map((v) => `@scp-ske/client-${v}`),
    ])
      expect(second[name], name).toBe(minor(first[name] ?? ''));
    expect(result.release2.published).not.toContain(`@scp-ske/signing@${first['@scp-ske/signing']}`);
    expect(result.release2.published).toContain(`@scp-ske/client-1.3@${second['@scp-ske/client-1.3']}`);
  });

  it('no workspace: or catalog: specifier reaches a published manifest or tarball', () => {
    expect(result.manifests.offending).toEqual([]);
    expect(result.manifests.manifests).toBe(result.release1.published.length + result.release2.published.length);
  });

  it('a consumer pinned to the first release re-installs the first contract, and it still works', () => {
    const run = result.pinned.run;
    const first = result.release1.versions;
    expect(result.pinned.ranges['@scp-ske/client-1.3']).toBe(`^${first['@scp-ske/client-1.3']}`);
    expect(run.installed['@scp-ske/client-1.3']).toBe(first['@scp-ske/client-1.3']);
    expect(run.installed['@scp-ske/emulator']).toBe(first['@scp-ske/emulator']);
    expect(run.installed['@scp-ske/spec (of the emulator)']).toBe(first['@scp-ske/spec']);
    expect(run.contract.listClustersParameters).not.toContain('region');
    expect(run.contract.emulatorSpecSha256).toBe(result.contracts.release1);
    expect(result.pinned.tree.all['@scp-ske/client-1.3']).toEqual([first['@scp-ske/client-1.3']]);
    expect(run.listClustersWithoutArguments.status).toBe(200);
    expect(run.cli?.version).toBe(first['@scp-ske/cli']);
    expect(run.cli?.clustersList.exitCode).toBe(0);
  });

  it('a new consumer installing @latest gets the new contract: region required by the client and the emulator', () => {
    const run = result.fresh.run;
    const second = result.release2.versions;
    expect(run.installed['@scp-ske/client-1.3']).toBe(second['@scp-ske/client-1.3']);
    expect(run.installed['@scp-ske/spec (of the emulator)']).toBe(second['@scp-ske/spec']);
    expect(run.contract.emulatorSpecSha256).toBe(result.contracts.release2);
    expect(run.operations.listClusters).toEqual({ required: ['region'], status: 200 });
    expect(run.listClustersWithoutArguments.error).toMatch(/^SkeInputError: .*region/);
    expect(result.contracts.release2).not.toBe(result.contracts.release1);
  });
});
