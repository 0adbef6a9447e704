import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { OPERATION_IDS } from './operations/registry.js';

const bin = fileURLToPath(new URL('../bin/scp-ske-emulator.mjs', import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.length = 0;
});

function run(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = () => ({ stdout, stderr });
  const waitFor = async (pattern: RegExp) => {
    // Up to 30 s: a loaded CI machine can take a while to start Node and compile the spec validators.
    for (let i = 0; i < 1200 && !pattern.test(stdout); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    return pattern.exec(stdout);
  };
  return { child, exited, output, waitFor };
}

describe('scp-ske-emulator', () => {
  it('prints its URL and demo credentials, serves, and stops cleanly on SIGTERM', async () => {
    const emulator = run(['--port', '0', '--now', '2025-12-01']);
    const match = await emulator.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    expect(match).not.toBeNull();
    expect(emulator.output().stdout).toContain(
      'SCP_ACCESS_KEY=SKEDEMOACCESSKEY0001 SCP_SECRET_KEY=ske-emulator-demo-secret-0001',
    );
    // The Kubernetes API is served by default.
    expect(emulator.output().stdout).toMatch(
      /^Kubernetes API on https:\/\/127\.0\.0\.1:\d+ \(the kubeconfigs it issues point there\)$/m,
    );
    const versions = await (await fetch(`${match?.[1]}/`)).json();
    expect(versions.versions[0]).toMatchObject({ id: 'v1.0', status: 'DEPRECATED' });
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  it('names every operation it answers in --help', async () => {
    const emulator = run(['--help']);
    expect(await emulator.exited).toBe(0);
    for (const operationId of OPERATION_IDS) expect(emulator.output().stdout).toContain(operationId);
  });

  it('prints the actions of a restricted key and each cluster with its status and version', async () => {
    const emulator = run(['--port', '0']);
    await emulator.waitFor(/Clusters:\n(.*\n){3}/);
    const { stdout } = emulator.output();
    expect(stdout).toContain(
      'SCP_ACCESS_KEY=SKEDEMOACCESSKEY0002 SCP_SECRET_KEY=ske-emulator-demo-secret-0002  (only ske:ListClusters, ske:ShowCluster, ske:ShowClusterUserKubeconfig, ske:ListKubernetesVersions, ske:ListNodepools, ske:ShowNodepool, ske:ListNodepoolNodes)',
    );
    expect(stdout).toContain(
      '  1b2c3d4e5f60718293a4b5c6d7e8f901  private-only-cluster  RUNNING v1.30.4  (no public endpoint)',
    );
    emulator.child.kill('SIGTERM');
    expect(await emulator.exited).toBe(0);
  });

  it('never prints a secret from a fixtures file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emulator-fixtures-')), 'fixtures.json');
    writeFileSync(file, JSON.stringify({ credentials: [{ accessKey: 'MYKEY', secretKey: 'MY-REAL-SECRET' }] }));
    const emulator = run(['--port', '0', '--fixtures', file]);
    await emulator.waitFor(/Clusters:/);
    expect(emulator.output().stdout).toContain('SCP_ACCESS_KEY=MYKEY SCP_SECRET_KEY=(secret from the fixtures file)');
    expect(emulator.output().stdout).not.toContain('MY-REAL-SECRET');
    emulator.child.kill('SIGINT');
    expect(await emulator.exited).toBe(0);
  });

  it('keeps its state in --state across a restart, and says how long changes take', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emulator-state-')), 'state.json');
    const first = run(['--port', '0', '--state', file, '--transition-ms', '50']);
    await first.waitFor(/Changes take .*\n/);
    expect(first.output().stdout).toContain(`Changes take 50 ms; the state is kept in ${file}.`);
    expect(first.output().stdout).toMatch(
      /Nodepools:\n {2}bdfda539-bd2e-4a5c-9021-ec6d52d1ca79 {2}default-pool {2}Running {2}2 nodes {2}\(demo-cluster\)/,
    );
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.clusters[0].cluster.name = 'renamed-in-the-file';
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    writeFileSync(file, JSON.stringify(saved));
    const second = run(['--port', '0', '--state', file]);
    await second.waitFor(/Changes take .*\n/);
    expect(second.output().stdout).toContain('70a599e031e749b7b260868f441e862b  renamed-in-the-file  RUNNING');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('exits 1 in one line when --state names a file that is not a state file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'emulator-state-')), 'state.json');
    writeFileSync(file, '{"not":"state"}');
    const emulator = run(['--port', '0', '--state', file]);
    expect(await emulator.exited).toBe(1);
    expect(emulator.output().stderr).toMatch(
      /^scp-ske-emulator: state file .* not a state file of this emulator .*\n$/,
    );
  });

  it('says in one line that a busy port is in use, and exits 1', async () => {
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const { port } = occupant.address() as AddressInfo;
    try {
      const emulator = run(['--port', String(port)]);
      expect(await emulator.exited).toBe(1);
      const { stdout, stderr } = emulator.output();
      expect(stderr).toMatch(new RegExp(`^scp-ske-emulator: port ${port} is in use \\(EADDRINUSE[^\n]*\\)\n$`));
      expect(stdout).toBe('');
    } finally {
      await new Promise<void>((resolve) => occupant.close(() => resolve()));
    }
  });

  it('names --kube-api-port when the Kubernetes API port is busy', async () => {
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const { port } = occupant.address() as AddressInfo;
    try {
      const emulator = run(['--port', '0', '--kube-api-port', String(port)]);
      expect(await emulator.exited).toBe(1);
      expect(emulator.output().stderr).toContain(
        `port ${port} is in use (EADDRINUSE on 127.0.0.1; pick another with --kube-api-port`,
      );
    } finally {
      await new Promise<void>((resolve) => occupant.close(() => resolve()));
    }
  });

  it.each([
    [['--port', 'eighty'], /--port: expected a whole number up to 65535, received "eighty"/],
    [['--now', 'yesterday'], /--now: expected a date such as 2025-12-01, received "yesterday"/],
    [['--fixtures', '/nonexistent/fixtures.json'], /--fixtures: cannot read \/nonexistent\/fixtures\.json \(ENOENT\)/],
    [['--colour'], /Unknown option '--colour'/],
    [['--transition-ms', 'soon'], /--transition-ms: expected a whole number up to \d+, received "soon"/],
  ])('exits 2 naming the bad flag for %j', async (args, message) => {
    const emulator = run(args);
    expect(await emulator.exited).toBe(2);
    expect(emulator.output().stderr).toMatch(message);
  });
});
