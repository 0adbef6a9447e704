/**
 * `clusters list`, `clusters show`, and `kubeconfig get|merge --cluster NAME`, `--admin`, `--dry-run`,
 * against real emulators: the demo fixtures, and a fleet with a name two clusters share.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClusterFixture, DEMO_CREDENTIALS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO } from './testing/demo.js';
import { cliEnv, scratchHome } from './testing/run-cli.js';
import { runMain } from './testing/run-main.js';

const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[1]];
const PRIVATE_ONLY = '1b2c3d4e5f60718293a4b5c6d7e8f901';

const fleetCluster = (index: number, name: string, status: string, kubernetesVersion = 'v1.29.8'): ClusterFixture => {
  const id = `${'f'.repeat(30)}${String(index).padStart(2, '0')}`;
  return {
    id,
    name,
    status,
    kubernetesVersion,
    nodeCount: index,
    endpoints: {
      private: `https://${id}.ske.private.kr-west1.samsungsdscloud.com:6443`,
      public: `https://${id}.ske.public.kr-west1.samsungsdscloud.com:6443`,
    },
    accessKeys: [key1.accessKey],
  };
};
const FLEET = [
  fleetCluster(1, 'web', 'RUNNING'),
  fleetCluster(2, 'twin', 'RUNNING'),
  fleetCluster(3, 'twin', 'ERROR', 'v1.30.4'),
  fleetCluster(4, 'batch', 'CREATING'),
  fleetCluster(5, 'web-staging', 'DELETING'),
];

let demo: Emulator;
let fleet: Emulator;
beforeAll(async () => {
  [demo, fleet] = await Promise.all([startEmulator(), startEmulator({ clusters: FLEET })]);
});
afterAll(async () => {
  await Promise.all([demo.close(), fleet.close()]);
});

const keyEnv = (key: typeof key1, home = scratchHome()) =>
  cliEnv(home, { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey });
/** Runs `main` with key 1 (or `key`) against an emulator. */
const run = (emulator: Emulator, args: string[], key = key1, home?: string) =>
  runMain([...args, '--endpoint', emulator.url], keyEnv(key, home));
/** The requests an emulator saw while `action` ran. */
async function requestsDuring<T>(emulator: Emulator, action: () => Promise<T>) {
  const before = emulator.requests.length;
  const result = await action();
  return { result, requests: emulator.requests.slice(before).map((request) => request.url) };
}
const rows = (stdout: string) => stdout.trimEnd().split('\n').slice(1);

describe('scp-ske clusters list', () => {
  it('prints a table of the clusters the key can see: name, id, status, Kubernetes version, nodes', async () => {
    const result = await run(demo, ['clusters', 'list']);
    expect(result.code).toBe(0);
    const [header, ...lines] = result.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^NAME +ID +STATUS +VERSION +NODES$/);
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^demo-cluster +${DEMO} +RUNNING +v1\\.29\\.8 +3$`)),
      expect.stringMatching(new RegExp(`^private-only-cluster +${PRIVATE_ONLY} +RUNNING +v1\\.30\\.4 +3$`)),
    ]);
    // restricted-cluster is key 2's only.
    expect(result.stdout).not.toContain('restricted-cluster');
  });

  it('prints the API data with --json', async () => {
    const result = await run(demo, ['clusters', 'list', '--json']);
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout);
    expect(data.count).toBe(2);
    expect(data.clusters.map((cluster: { id: string }) => cluster.id)).toEqual([DEMO, PRIVATE_ONLY]);
    expect(data.clusters[0]).toMatchObject({ name: 'demo-cluster', status: 'RUNNING', kubernetes_version: 'v1.29.8' });
  });

  it('sends a repeated --status as repeated status= parameters and lists any of them', async () => {
    const { result, requests } = await requestsDuring(fleet, () =>
      run(fleet, ['clusters', 'list', '--status', 'RUNNING', '--status', 'ERROR']),
    );
    expect(result.code).toBe(0);
    expect(requests).toEqual(['/v1/clusters?status=RUNNING&status=ERROR']);
    expect(rows(result.stdout).map((line) => line.split(/ +/).slice(0, 3))).toEqual([
      ['web', FLEET[0]?.id, 'RUNNING'],
      ['twin', FLEET[1]?.id, 'RUNNING'],
      ['twin', FLEET[2]?.id, 'ERROR'],
    ]);
    const commas = await run(fleet, ['clusters', 'list', '--status', 'RUNNING,ERROR', '--json']);
    expect(JSON.parse(commas.stdout).count).toBe(3);
    const lower = await run(fleet, ['clusters', 'list', '--status', 'running']);
    expect(lower).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No clusters found.\nSCP writes cluster states in upper case: --status RUNNING?\n',
    });
  });

  it('filters by --name (and --kubernetes-version)', async () => {
    const byName = await run(fleet, ['clusters', 'list', '--name', 'web']);
    expect(byName.code).toBe(0);
    expect(rows(byName.stdout).map((line) => line.split(/ +/)[0])).toEqual(['web', 'web-staging']);
    const byVersion = await run(fleet, ['clusters', 'list', '--kubernetes-version', 'v1.30.4', '--json']);
    expect(JSON.parse(byVersion.stdout).clusters.map((cluster: { id: string }) => cluster.id)).toEqual([FLEET[2]?.id]);
  });

  it('shows one page with --page and --size, and says how many there are in all', async () => {
    const { result, requests } = await requestsDuring(fleet, () =>
      run(fleet, ['clusters', 'list', '--size', '2', '--page', '1']),
    );
    expect(result.code).toBe(0);
    expect(requests).toEqual(['/v1/clusters?size=2&page=1']);
    expect(rows(result.stdout).map((line) => line.split(/ +/)[1])).toEqual([FLEET[2]?.id, FLEET[3]?.id]);
    expect(result.stderr).toBe('Showing 2 of 5 clusters (--page and --size choose the page).\n');
  });

  it.each([
    [['--size', 'ten'], /^scp-ske: --size: expected a whole number ≥ 0, received "ten"\n/],
    [['--page=-1'], /^scp-ske: --page: expected a whole number ≥ 0, received "-1"\n/],
    [['--size', '2.5'], /^scp-ske: --size: expected a whole number ≥ 0, received "2\.5"\n/],
    [['--name', 'Not_A_Name'], /^scp-ske: --name: expected a string matching .*, e\.g\. sample-cluster\n/],
    [['--status', ''], /^scp-ske: --status: expected a value, received an empty one\n/],
  ])('exits 2 before any request for a bad flag: %j', async (args, message) => {
    const { result, requests } = await requestsDuring(fleet, () => run(fleet, ['clusters', 'list', ...args]));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(requests).toEqual([]);
  });
});

describe('scp-ske clusters show', () => {
  it('shows a cluster by id, with whether each kubeconfig can be downloaded', async () => {
    const result = await run(demo, ['clusters', 'show', PRIVATE_ONLY]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Name: +private-only-cluster$/m);
    expect(result.stdout).toMatch(new RegExp(`^ID: +${PRIVATE_ONLY}$`, 'm'));
    expect(result.stdout).toMatch(/^Status: +RUNNING$/m);
    expect(result.stdout).toMatch(/^Kubernetes version: +v1\.30\.4$/m);
    expect(result.stdout).toMatch(/^Public endpoint: +none$/m);
    expect(result.stdout).toMatch(/^Private kubeconfig: +downloadable \(--type private\)$/m);
    expect(result.stdout).toMatch(/^Public kubeconfig: +not downloadable \(public_kubeconfig_download_yn: N\)$/m);
  });

  it('shows a cluster by name (one listClusters, then showCluster), and the API data with --json', async () => {
    const { result, requests } = await requestsDuring(demo, () =>
      run(demo, ['clusters', 'show', 'demo-cluster', '--json']),
    );
    expect(result.code).toBe(0);
    expect(requests).toEqual(['/v1/clusters?name=demo-cluster', `/v1/clusters/${DEMO}`]);
    const { cluster } = JSON.parse(result.stdout);
    expect(cluster).toMatchObject({
      id: DEMO,
      name: 'demo-cluster',
      private_kubeconfig_download_yn: 'Y',
      public_kubeconfig_download_yn: 'Y',
    });
    const text = await run(demo, ['clusters', 'show', 'demo-cluster']);
    expect(text.stdout).toMatch(/^Public kubeconfig: +downloadable \(--type public\)$/m);
    expect(text.stdout).toContain(cluster.public_endpoint_url);
  });

  it('exits 2 without a cluster, or with two', async () => {
    expect((await run(demo, ['clusters', 'show'])).stderr).toMatch(/clusters show: expected a cluster id or name/);
    const two = await run(demo, ['clusters', 'show', 'a', 'b']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/expected one cluster id or name, received 2 arguments/);
  });
});

describe('scp-ske kubeconfig --cluster NAME|ID', () => {
  it('resolves a name: the kubeconfig is that cluster’s, its server the cluster’s endpoint', async () => {
    const { result, requests } = await requestsDuring(demo, () =>
      run(demo, ['kubeconfig', 'get', '--cluster', 'demo-cluster', '--type', 'private']),
    );
    expect(result.code).toBe(0);
    // One list for the name; no showCluster for a private kubeconfig.
    expect(requests).toEqual([
      '/v1/clusters?name=demo-cluster',
      `/v1/clusters/${DEMO}/user-kubeconfig?kubeconfig_type=private`,
    ]);
    const kubeconfig = parse(result.stdout);
    const endpoint = demo.clusters.find((cluster) => cluster.id === DEMO)?.endpoints.private;
    expect(kubeconfig.clusters[0].cluster.server).toBe(endpoint);
  });

  it('takes an id as it is (no lookup), with --cluster or with --cluster-id', async () => {
    for (const flag of ['--cluster', '--cluster-id']) {
      const { result, requests } = await requestsDuring(demo, () =>
        run(demo, ['kubeconfig', 'get', flag, DEMO, '--type', 'private', '--json']),
      );
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ clusterId: DEMO, admin: false });
      expect(requests).toEqual([`/v1/clusters/${DEMO}/user-kubeconfig?kubeconfig_type=private`]);
    }
    const both = await run(demo, ['kubeconfig', 'get', '--cluster', DEMO, '--cluster-id', DEMO, '--type', 'private']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--cluster and --cluster-id: pass one of them, not both/);
  });

  it('an unknown name: exit 1, listing the visible clusters as candidates, and no kubeconfig request', async () => {
    const { result, requests } = await requestsDuring(demo, () =>
      run(demo, ['kubeconfig', 'get', '--cluster', 'prod', '--type', 'private']),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no cluster named "prod" is visible to this access key. Clusters you can see:');
    expect(result.stderr).toMatch(new RegExp(`^ {2}demo-cluster +${DEMO}`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^ {2}private-only-cluster +${PRIVATE_ONLY}`, 'm'));
    expect(result.stderr).toContain('Pass one of these names or ids to --cluster.');
    expect(requests.some((url) => url.includes('kubeconfig'))).toBe(false);
  });

  it('an unknown name that others contain: lists those, and says so in JSON with a code', async () => {
    const result = await run(fleet, ['kubeconfig', 'merge', '--cluster', 'we', '--type', 'private', '--json']);
    expect(result.code).toBe(1);
    const { error } = JSON.parse(result.stderr);
    expect(error).toMatchObject({ code: 'ERR_SKE_CLUSTER_NOT_FOUND', name: 'we' });
    expect(error.candidates.map((candidate: { name: string }) => candidate.name)).toEqual(['web', 'web-staging']);
    expect(error.message).toContain('Clusters whose names contain "we":');
  });

  it('an ambiguous name: exit 2, listing both clusters with their ids, asking for the id', async () => {
    const { result, requests } = await requestsDuring(fleet, () =>
      run(fleet, ['kubeconfig', 'get', '--cluster', 'twin', '--type', 'private']),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 clusters are named "twin"; pass the id of the one you mean to --cluster:');
    expect(result.stderr).toMatch(new RegExp(`^ {2}twin +${FLEET[1]?.id} +RUNNING +v1\\.29\\.8$`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^ {2}twin +${FLEET[2]?.id} +ERROR +v1\\.30\\.4$`, 'm'));
    expect(requests).toEqual(['/v1/clusters?name=twin']);
    const byId = await run(fleet, ['kubeconfig', 'get', '--cluster', FLEET[2]?.id as string, '--type', 'private']);
    expect(byId.code).toBe(0);
    expect(parse(byId.stdout).clusters[0].cluster.server).toBe(FLEET[2]?.endpoints.private);
  });

  it('checks --type before looking a name up', async () => {
    const { result, requests } = await requestsDuring(demo, () =>
      run(demo, ['kubeconfig', 'get', '--cluster', 'demo-cluster', '--type', 'internal']),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^scp-ske: --type: expected one of "private", "public"\n/);
    expect(requests).toEqual([]);
  });

  it('--type public on a cluster whose public kubeconfig cannot be downloaded stops before asking for it', async () => {
    const { result, requests } = await requestsDuring(demo, () =>
      run(demo, ['kubeconfig', 'merge', '--cluster', 'private-only-cluster', '--type', 'public', '--json']),
    );
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr).error).toMatchObject({
      code: 'ERR_SKE_KUBECONFIG_UNAVAILABLE',
      clusterId: PRIVATE_ONLY,
      kubeconfigType: 'public',
      message: expect.stringContaining('does not allow downloading a public kubeconfig'),
    });
    expect(requests).toEqual(['/v1/clusters?name=private-only-cluster', `/v1/clusters/${PRIVATE_ONLY}`]);
    expect(requests.some((url) => url.includes('/user-kubeconfig'))).toBe(false);
    const text = await run(demo, ['kubeconfig', 'get', '--cluster-id', PRIVATE_ONLY, '--type', 'public']);
    expect(text.stderr).toMatch(
      /public_kubeconfig_download_yn is "N"; it has no public endpoint\); use --type private/,
    );
  });

  it('--type public on a cluster that allows it: one showCluster, then the kubeconfig', async () => {
    const { result, requests } = await requestsDuring(demo, () =>
      run(demo, ['kubeconfig', 'get', '--cluster', DEMO, '--type', 'public']),
    );
    expect(result.code).toBe(0);
    expect(requests).toEqual([`/v1/clusters/${DEMO}`, `/v1/clusters/${DEMO}/user-kubeconfig?kubeconfig_type=public`]);
    expect(parse(result.stdout).clusters[0].cluster.server).toContain('.ske.public.');
  });
});

describe('scp-ske kubeconfig --admin', () => {
  it('gets the admin kubeconfig: another user than the user kubeconfig’s', async () => {
    const args = ['kubeconfig', 'get', '--cluster', 'demo-cluster', '--type', 'private'];
    const { result: admin, requests } = await requestsDuring(demo, () => run(demo, [...args, '--admin']));
    const user = await run(demo, args);
    expect(admin.code).toBe(0);
    expect(requests).toContain(`/v1/clusters/${DEMO}/kubeconfig?kubeconfig_type=private`);
    const [adminDocument, userDocument] = [parse(admin.stdout), parse(user.stdout)];
    expect(adminDocument.clusters[0].cluster.server).toBe(userDocument.clusters[0].cluster.server);
    expect(adminDocument.users[0].name).not.toBe(userDocument.users[0].name);
    expect(adminDocument.users[0].user).not.toEqual(userDocument.users[0].user);
    const json = await run(demo, [...args, '--admin', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ admin: true, clusterId: DEMO });
  });

  it('exits 1 on the 403 of a key without ske:CreateClusterAdminKubeconfig, saying what it needs', async () => {
    const result = await run(
      demo,
      ['kubeconfig', 'get', '--cluster', 'demo-cluster', '--type', 'private', '--admin'],
      key2,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^scp-ske: SKE API error 403 Forbidden \(ske 1\.3, request id req-[0-9a-f]+\)/);
    expect(result.stderr).toMatch(/^scp-ske: hint: .*ske:CreateClusterAdminKubeconfig/m);
    // The same key may get its user kubeconfig.
    const user = await run(demo, ['kubeconfig', 'get', '--cluster', 'demo-cluster', '--type', 'private'], key2);
    expect(user.code).toBe(0);
  });
});

describe('scp-ske kubeconfig merge --dry-run', () => {
  const EXISTING = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://stale.example.com:6443
  name: demo-cluster
users: []
contexts: []
current-context: ""
`;

  it('prints the changes a merge would make and writes nothing: same bytes, same folder listing', async () => {
    const home = scratchHome();
    const folder = join(home, 'kube');
    mkdirSync(folder);
    const file = join(folder, 'config');
    writeFileSync(file, EXISTING, { mode: 0o600 });
    const listing = readdirSync(folder);
    const args = ['kubeconfig', 'merge', '--cluster', 'demo-cluster', '--type', 'private', '--kubeconfig', file];
    const result = await run(demo, [...args, '--dry-run'], key1, home);
    expect(result.code).toBe(0);
    const name = 'demo-cluster-private-70a599e0';
    expect(result.stdout).toBe(
      `Would update ${file}: cluster ${name} added, user ${name} added, context ${name} added, current-context → ${name} (there was none)\nDry run: nothing was written.\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe(EXISTING);
    expect(readdirSync(folder)).toEqual(listing);

    const json = await run(demo, [...args, '--dry-run', '--json'], key1, home);
    const plan = JSON.parse(json.stdout);
    expect(plan).toMatchObject({ dryRun: true, changed: true, created: false, kubeconfig: file });
    expect(readdirSync(folder)).toEqual(listing);

    // The real merge reports the same changes.
    const merged = await run(demo, [...args, '--json'], key1, home);
    expect(JSON.parse(merged.stdout)).toMatchObject({ dryRun: false, changed: true, changes: plan.changes });
    expect(readdirSync(folder).sort()).toEqual(['config', 'config.bak.1']);
  });

  it('creates neither the file nor its folder', async () => {
    const home = scratchHome();
    const result = await run(
      demo,
      ['kubeconfig', 'merge', '--cluster', DEMO, '--type', 'private', '--dry-run', '--json'],
      key1,
      home,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      kubeconfig: join(home, '.kube', 'config'),
      dryRun: true,
      created: true,
    });
    expect(readdirSync(home)).toEqual([]);
  });
});
