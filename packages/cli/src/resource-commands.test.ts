/**
 * The resource commands against a real emulator whose changes settle in 300 ms: a cluster and a
 * nodepool created, scaled and deleted with `--wait` (each command returns once the state is
 * reached: checked with show/list and in the emulator's store), the progress lines without a
 * terminal, a delete refused without `--yes`, a body refused before any request, an operation the
 * chosen version lacks, and `--output yaml`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO, key } from './testing/demo.js';
import { cliEnv, scratchHome } from './testing/run-cli.js';
import { runMain } from './testing/run-main.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 300 });
});
afterAll(() => emulator.close());

const env = () => cliEnv(scratchHome(), { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey });
const run = (args: string[]) => runMain([...args, '--endpoint', emulator.url], env());
const requestsDuring = async <T>(action: () => Promise<T>) => {
  const before = emulator.requests.length;
  const result = await action();
  return { result, requests: emulator.requests.slice(before) };
};
const folder = mkdtempSync(join(tmpdir(), 'scp-ske-bodies-'));
const file = (name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};

const CLUSTER_FILE = `# a cluster
name: e2e-cluster
kubernetes_version: v1.29.8
vpc_id: 0a1b2c3d4e5f60718293a4b5c6d7e8f9
subnet_id: 1a1b2c3d4e5f60718293a4b5c6d7e8f9
volume_id: 2a1b2c3d4e5f60718293a4b5c6d7e8f9
security_group_id_list: [3a1b2c3d4e5f60718293a4b5c6d7e8f9]
cloud_logging_enabled: false
service_watch_logging_enabled: false
`;

const NODEPOOL_FLAGS = [
  '--name',
  'e2e-pool',
  '--kubernetes-version',
  'v1.29.8',
  '--image-os',
  'ubuntu',
  '--image-os-version',
  '22.04',
  '--server-type-id',
  's1v2m4',
  '--keypair-name',
  'e2e-key',
  '--volume-type-name',
  'SSD',
  '--volume-size',
  '104',
  '--no-is-auto-recovery',
  '--no-is-auto-scale',
  '--desired-node-count',
  '2',
];

const storedCluster = (name: string) => emulator.clusters.find((cluster) => cluster.name === name);

describe('a cluster and a nodepool, end to end with --wait', () => {
  it('creates, scales and deletes, each command returning once the state is reached', async () => {
    const created = await run(['clusters', 'create', '--from-file', file('cluster.yaml', CLUSTER_FILE), '--wait']);
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/cluster e2e-cluster: RUNNING after \d+s/);
    expect(storedCluster('e2e-cluster')?.status).toBe('RUNNING');
    const shown = await run(['clusters', 'show', 'e2e-cluster', '--output', 'json']);
    expect(JSON.parse(shown.stdout).cluster.status).toBe('RUNNING');

    const pool = await run(['nodepools', 'create', '--cluster', 'e2e-cluster', ...NODEPOOL_FLAGS, '--wait']);
    expect(pool.stderr).toContain('nodepool e2e-pool: ');
    expect(pool.code).toBe(0);
    const listed = await run(['nodepools', 'list', '--cluster', 'e2e-cluster']);
    expect(listed.stdout).toMatch(/^e2e-pool +\S+ +Running +v1\.29\.8 +2 +2$/m);
    expect(storedCluster('e2e-cluster')?.nodepools?.map((nodepool) => [nodepool.name, nodepool.status])).toEqual([
      ['e2e-pool', 'Running'],
    ]);

    const scaled = await run([
      'nodepools',
      'scale',
      'e2e-pool',
      '--cluster',
      'e2e-cluster',
      '--desired-node-count',
      '3',
      '--wait',
      '--output',
      'json',
    ]);
    expect(scaled.code).toBe(0);
    expect(scaled.stderr).toMatch(/nodepool e2e-pool: Running after \d+s/);
    expect(JSON.parse(scaled.stdout).nodepool).toMatchObject({ status: 'Running', current_node_count: 3 });
    const nodes = await run(['nodepools', 'nodes', 'e2e-pool', '--cluster', 'e2e-cluster']);
    expect(nodes.stdout.trimEnd().split('\n')).toHaveLength(4);

    const poolDeleted = await run(['nodepools', 'delete', 'e2e-pool', '--cluster', 'e2e-cluster', '--yes', '--wait']);
    expect(poolDeleted.code).toBe(0);
    expect(poolDeleted.stderr).toMatch(/nodepool e2e-pool: deleted after/);
    expect(storedCluster('e2e-cluster')?.nodepools).toEqual([]);
    expect((await run(['nodepools', 'list', '--cluster', 'e2e-cluster', '--output', 'json'])).stdout).toContain(
      '"nodepools": []',
    );

    const clusterDeleted = await run(['clusters', 'delete', 'e2e-cluster', '--yes', '--wait']);
    expect(clusterDeleted.code).toBe(0);
    expect(clusterDeleted.stderr).toMatch(/cluster e2e-cluster: deleted after \d+s/);
    expect(storedCluster('e2e-cluster')).toBeUndefined();
    const gone = await run(['clusters', 'show', 'e2e-cluster']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('no cluster named "e2e-cluster"');
  });
});

describe('--wait progress without a terminal', () => {
  it('prints one line per status change, then the final state', async () => {
    // Changes that take 2.5 s: the client's first poll (2 s in) sees the change running, the next one its end.
    const slow = await startEmulator({ transitionMs: 2500 });
    const body = file('upgrade.yaml', 'kubernetes_version: v1.30.4\n');
    const result = await runMain(
      ['clusters', 'upgrade', 'private-only-cluster', '--from-file', body, '--wait', '--endpoint', slow.url],
      env(),
    ).finally(() => slow.close());
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^cluster private-only-cluster: UPDATING \(\d+s\)$/),
      expect.stringMatching(/^cluster private-only-cluster: RUNNING \(\d+s\)$/),
      expect.stringMatching(/^cluster private-only-cluster: RUNNING after \d+s$/),
    ]);
    expect(result.stderr).not.toContain('\r');
  });
});

describe('a delete', () => {
  it('is refused without --yes when there is no terminal, before any request', async () => {
    const { result, requests } = await requestsDuring(() => run(['clusters', 'delete', 'demo-cluster']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --yes to delete without a terminal');
    expect(requests).toEqual([]);
    expect(storedCluster('demo-cluster')?.status).toBe('RUNNING');
  });

  it('on a terminal, asks for the name and deletes nothing when another is typed', async () => {
    let asked = '';
    let stderr = '';
    const code = await (await import('./main.js')).main(['clusters', 'delete', DEMO, '--endpoint', emulator.url], {
      env: env(),
      homeDir: scratchHome(),
      stdout: () => undefined,
      stderr: (text) => {
        stderr += text;
      },
      isTTY: true,
      prompt: async (question) => {
        asked = question;
        return 'not-the-name';
      },
    });
    expect(asked).toContain('Type its name to confirm');
    expect(asked).toContain('demo-cluster');
    expect(code).toBe(1);
    expect(stderr).toContain('was not deleted');
    expect(storedCluster('demo-cluster')?.status).toBe('RUNNING');
  });
});

describe('request bodies', () => {
  it('refuses a --from-file body the spec refuses, naming each field, with no request sent', async () => {
    const bad = file('bad.yaml', 'name: Bad_Name\nkubernetes_version: 129\nvpc_id: x\nextra_field: 1\n');
    const { result, requests } = await requestsDuring(() => run(['clusters', 'create', '--from-file', bad]));
    expect(result.code).toBe(2);
    expect(requests).toEqual([]);
    expect(result.stderr).toContain('the request of createCluster (ske 1.3) is not valid; nothing was sent');
    expect(result.stderr).toMatch(/^ {2}name: must match pattern/m);
    expect(result.stderr).toMatch(/^ {2}kubernetes_version: must be string/m);
    expect(result.stderr).toMatch(/^ {2}subnet_id: required \(--subnet-id, or --from-file\)$/m);
    expect(result.stderr).toMatch(/^ {2}extra_field: not a field of this request in ske 1\.3/m);
  });

  it('takes a field of a later version as unknown under an earlier one', async () => {
    const { result, requests } = await requestsDuring(() =>
      run(['clusters', 'create', '--from-file', file('c.yaml', CLUSTER_FILE), '--api-version', 'ske 1.0']),
    );
    expect(result.code).toBe(2);
    expect(requests).toEqual([]);
    expect(result.stderr).toMatch(/service_watch_logging_enabled: not a field of this request in ske 1\.0/);
  });

  it('refuses an operation the chosen version lacks, before any request', async () => {
    const { result, requests } = await requestsDuring(() =>
      run(['clusters', 'set-service-watch-logging', 'demo-cluster', '--api-version', 'ske 1.0']),
    );
    expect(result.code).toBe(2);
    expect(requests).toEqual([]);
    expect(result.stderr).toContain('the API version ske 1.0 has no setClusterServiceWatchLogging operation');
    expect(result.stderr).toContain('it is in ske 1.1, ske 1.2, ske 1.3');
  });
});

describe('--output', () => {
  it('prints yaml, json and a table for kubernetes-versions', async () => {
    const yaml = await run(['kubernetes-versions', '--output', 'yaml']);
    expect(yaml.code).toBe(0);
    const versions = parse(yaml.stdout).kubernetes_versions as { kubernetes_version: string }[];
    expect(versions.length).toBeGreaterThan(0);
    const json = await run(['kubernetes-versions', '--json']);
    expect(JSON.parse(json.stdout)).toEqual(parse(yaml.stdout));
    const table = await run(['kubernetes-versions']);
    expect(table.stdout.split('\n')[0]).toMatch(/^VERSION +DESCRIPTION$/);
    expect(table.stdout).toContain(versions[0]?.kubernetes_version);
  });

  it('refuses an unknown format', async () => {
    const result = await run(['clusters', 'list', '--output', 'xml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--output: expected one of table, json, yaml, received "xml"');
  });
});

describe('--wait that does not see the state in time', () => {
  it('exits 1 once --timeout has passed, naming it, the change left running', async () => {
    const slow = await startEmulator({ transitionMs: 600_000 });
    const result = await runMain(
      ['nodepools', 'scale', 'default-pool', '--cluster', 'demo-cluster', '--desired-node-count', '3'].concat([
        '--wait',
        '--timeout',
        '1s',
        '--output',
        'json',
        '--endpoint',
        slow.url,
      ]),
      env(),
    ).finally(() => slow.close());
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(JSON.parse(result.stderr.trimEnd().split('\n').at(-1) ?? '')).toMatchObject({
      error: { code: 'ERR_SKE_WAIT_TIMEOUT', timeoutMs: 1000 },
    });
  });

  it('a nodepool named by name needs --cluster, before any request', async () => {
    const { result, requests } = await requestsDuring(() => run(['nodepools', 'show', 'default-pool']));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('a nodepool named by name needs --cluster NAME|ID');
    expect(requests).toEqual([]);
  });
});
