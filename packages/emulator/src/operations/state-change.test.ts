/**
 * The store changed by the operations, through the one handler the spec drives (`x-scp-state-change`):
 * each change shows its interim status on the emulator's clock, then settles (or the resource goes),
 * as showCluster, listClusters, showNodepool and listNodepoolNodes see it; the state rules answer 400.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator.js';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { clusterBody, nodepoolBody, startOnTestClock } from '../testing/bodies.js';
import { conformanceProblems } from '../testing/conformance.js';
import { firstError, signedCaller } from '../testing/signed-call.js';

const [, readOnly] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const [demo, , restricted] = DEFAULT_CLUSTERS as [
  (typeof DEFAULT_CLUSTERS)[0],
  (typeof DEFAULT_CLUSTERS)[0],
  (typeof DEFAULT_CLUSTERS)[0],
];
const DEFAULT_POOL = 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79';
const TRANSITION = 1000;

let emulator: Emulator;
let advance: (ms: number) => void;
beforeEach(async () => {
  ({ emulator, advance } = await startOnTestClock({ transitionMs: TRANSITION }));
});
afterEach(() => emulator.close());
const call = signedCaller(() => emulator);

/** A JSON answer, checked: the status expected and the spec's schema for it (strictly: no other fields). */
async function json(
  method: string,
  path: string,
  template: string,
  status: number,
  options: Parameters<typeof call>[1] = {},
) {
  const { response, body } = await call(path, { ...options, method });
  expect(response.status, body).toBe(status);
  const version = (options.version ?? 'ske 1.3').slice(4) as '1.3';
  expect(await conformanceProblems(version, status, 'application/json', body, template, method)).toEqual([]);
  return JSON.parse(body);
}

const showCluster = async (id: string) =>
  (await json('GET', `/v1/clusters/${id}`, '/v1/clusters/{cluster_id}', 200)).cluster;
const showNodepool = async (id: string) =>
  (await json('GET', `/v1/nodepools/${id}`, '/v1/nodepools/{nodepool_id}', 200)).nodepool;
const listed = async (query = '') => (await json('GET', `/v1/clusters${query}`, '/v1/clusters', 200)).clusters;

async function createCluster(name = 'team-cluster'): Promise<string> {
  const answer = await json('POST', '/v1/clusters', '/v1/clusters', 202, { body: clusterBody('ske 1.3', name) });
  return answer.resource_id;
}

describe('a cluster', () => {
  it('is CREATING, then RUNNING, as showCluster and listClusters see it', async () => {
    const created = await json('POST', '/v1/clusters', '/v1/clusters', 202, { body: clusterBody() });
    expect(created).toEqual({
      account_id: '6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b',
      request_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      resource_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const id = created.resource_id as string;
    const cluster = await showCluster(id);
    expect(cluster).toMatchObject({
      id,
      name: 'team-cluster',
      status: 'CREATING',
      kubernetes_version: 'v1.30.4',
      account_id: '6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b',
      cluster_namespace: `team-cluster-${id.slice(0, 5)}`,
      vpc: { id: '3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f', name: 'team-cluster-vpc' },
      subnet: { id: '023c57b14f11483689338d085e061492', name: 'team-cluster-subnet' },
      volume: { id: '1f2e3d4c5b6a79881726354453627180', name: 'team-cluster-volume' },
      security_group_list: [{ id: '9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d' }],
      private_endpoint_url: `https://${id}.ske.private.kr-west1.samsungsdscloud.com:6443`,
      public_endpoint_access_control_ip: null,
      private_endpoint_access_control_resources: [],
      service_watch_logging_enabled: true,
      node_count: 0,
      created_at: '2025-12-01T00:00:00Z',
      modified_at: '2025-12-01T00:00:00Z',
    });
    expect((await listed('?status=CREATING')).map((summary: { id: string }) => summary.id)).toEqual([id]);
    advance(TRANSITION - 1);
    expect((await showCluster(id)).status).toBe('CREATING');
    advance(1);
    expect((await showCluster(id)).status).toBe('RUNNING');
    // The same question as before, asked again: answered from the store as it is now.
    expect(await listed('?status=CREATING')).toEqual([]);
    expect(await listed('?name=team')).toEqual([
      {
        id,
        name: 'team-cluster',
        account_id: '6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b',
        kubernetes_version: 'v1.30.4',
        status: 'RUNNING',
        node_count: 0,
        subnet_id: '023c57b14f11483689338d085e061492',
        created_at: '2025-12-01T00:00:00Z',
        modified_at: '2025-12-01T00:00:00Z',
      },
    ]);
  });

  it.each([
    ['setClusterLogging', 'logging', { cloud_logging_enabled: true }, { cloud_logging_enabled: true }],
    ['setClusterUpgrade', 'upgrade', { kubernetes_version: 'v1.31.1' }, { kubernetes_version: 'v1.31.1' }],
    [
      'setClusterPublicAccessControl',
      'public-access-control',
      { public_endpoint_access_control_ip: '198.51.100.0/24' },
      { public_endpoint_access_control_ip: '198.51.100.0/24' },
    ],
    [
      'setClusterPrivateAccessControl',
      'private-access-control',
      { private_endpoint_access_control_resources: [{ id: 'vm-1', name: 'bastion', type: 'vm' }] },
      { private_endpoint_access_control_resources: [{ id: 'vm-1', name: 'bastion', type: 'vm' }] },
    ],
    [
      'setClusterServiceWatchLogging',
      'service-watch-logging',
      { service_watch_logging_enabled: true },
      { service_watch_logging_enabled: true },
    ],
  ])('%s: UPDATING with the new value, then RUNNING', async (_operationId, tail, body, changed) => {
    advance(60_000);
    const path = `/v1/clusters/${demo.id}/${tail}`;
    const answer = await json('PUT', path, `/v1/clusters/{cluster_id}/${tail}`, 202, { body });
    expect(answer.resource_id).toBe(demo.id);
    const during = await showCluster(demo.id);
    expect(during).toMatchObject({ ...changed, status: 'UPDATING', modified_at: '2025-12-01T00:01:00Z' });
    advance(TRANSITION);
    expect(await showCluster(demo.id)).toMatchObject({ ...changed, status: 'RUNNING' });
  });

  it('setClusterSecurityGroups answers the cluster itself, with the groups the ids name', async () => {
    const groups = ['9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d', '11111111111111111111111111111111'];
    const path = `/v1/clusters/${demo.id}/security-groups`;
    const answer = await json('PUT', path, '/v1/clusters/{cluster_id}/security-groups', 202, {
      body: { security_group_id_list: groups },
    });
    expect(answer.cluster).toMatchObject({ id: demo.id, status: 'UPDATING' });
    expect(answer.cluster.security_group_list.map((group: { id: string }) => group.id)).toEqual(groups);
    advance(TRANSITION);
    expect((await showCluster(demo.id)).status).toBe('RUNNING');
  });

  it('is DELETING, then gone: 404 from showCluster, absent from listClusters, with its nodepools', async () => {
    const answer = await json('DELETE', `/v1/clusters/${demo.id}`, '/v1/clusters/{cluster_id}', 202);
    expect(answer.resource_id).toBe(demo.id);
    expect((await showCluster(demo.id)).status).toBe('DELETING');
    advance(TRANSITION);
    const { response, body } = await call(`/v1/clusters/${demo.id}`);
    expect(response.status).toBe(404);
    expect(firstError(body)).toMatchObject({ code: 'NotFound' });
    expect((await listed()).map((summary: { id: string }) => summary.id)).not.toContain(demo.id);
    expect((await call(`/v1/nodepools/${DEFAULT_POOL}`)).response.status).toBe(404);
  });

  it('has no setClusterServiceWatchLogging in ske 1.0 (the operation is from 1.1): 404', async () => {
    const { response, body } = await call(`/v1/clusters/${demo.id}/service-watch-logging`, {
      method: 'PUT',
      body: { service_watch_logging_enabled: true },
      version: 'ske 1.0',
    });
    expect(response.status).toBe(404);
    expect(firstError(body).detail).toEqual([`ske 1.0 has no PUT /v1/clusters/${demo.id}/service-watch-logging.`]);
  });

  it('is visible to the keys of the account that created it', async () => {
    const id = await createCluster();
    expect((await call(`/v1/clusters/${id}`, { credentials: readOnly })).response.status).toBe(200);
  });
});

describe('a nodepool', () => {
  it('is created ScalingUp with no nodes, then Running with one node per desired node', async () => {
    const id = await createCluster();
    advance(TRANSITION);
    const created = await json('POST', '/v1/nodepools', '/v1/nodepools', 200, { body: nodepoolBody(id) });
    const nodepool = created.nodepool;
    expect(nodepool).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      name: 'pool-a',
      cluster: { id },
      status: 'ScalingUp',
      current_node_count: 0,
      desired_node_count: 2,
      min_node_count: 2,
      max_node_count: 2,
      image: { os: 'ubuntu', os_version: '22.04' },
      keypair: { name: 'team-keypair' },
      server_type: { id: '10a599e031e749b7b260868f441e862b' },
      volume_type: { name: 'SSD' },
      volume_size: 104,
      labels: [],
      taints: [],
      server_group_id: null,
      advanced_settings: null,
      linked_resources: [],
    });
    const nodesPath = `/v1/nodepools/${nodepool.id}/nodes`;
    const nodes = () => json('GET', nodesPath, '/v1/nodepools/{nodepool_id}/nodes', 200);
    expect(await nodes()).toEqual({ nodes: [], count: 0, links: [] });
    advance(TRANSITION);
    expect(await showNodepool(nodepool.id)).toMatchObject({ status: 'Running', current_node_count: 2 });
    const listedNodes = (await nodes()).nodes;
    expect(listedNodes).toHaveLength(2);
    for (const node of listedNodes) {
      expect(node).toEqual({
        name: expect.stringMatching(/^pool-a-[0-9a-f]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/),
        status: 'RUNNING',
        kubernetes_version: 'v1.30.4',
        account_id: '6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b',
      });
    }
    expect((await showCluster(id)).node_count).toBe(2);
  });

  it('setNodepool: ScalingUp when growing, ScalingDown when shrinking, the nodes following', async () => {
    const path = `/v1/nodepools/${DEFAULT_POOL}`;
    await json('PUT', path, '/v1/nodepools/{nodepool_id}', 200, { body: { desired_node_count: 4 } });
    expect(await showNodepool(DEFAULT_POOL)).toMatchObject({
      status: 'ScalingUp',
      desired_node_count: 4,
      current_node_count: 2,
    });
    advance(TRANSITION);
    expect(await showNodepool(DEFAULT_POOL)).toMatchObject({ status: 'Running', current_node_count: 4 });
    expect((await showCluster(demo.id)).node_count).toBe(5);
    await json('PUT', path, '/v1/nodepools/{nodepool_id}', 200, { body: { desired_node_count: 1 } });
    expect((await showNodepool(DEFAULT_POOL)).status).toBe('ScalingDown');
    advance(TRANSITION);
    expect(await showNodepool(DEFAULT_POOL)).toMatchObject({ status: 'Running', current_node_count: 1 });
    const nodes = await json('GET', `${path}/nodes`, '/v1/nodepools/{nodepool_id}/nodes', 200);
    expect(nodes.count).toBe(1);
  });

  it("setNodepoolUpgrade: Updating, then Running at its cluster's version, nodes too", async () => {
    await json('PUT', `/v1/clusters/${demo.id}/upgrade`, '/v1/clusters/{cluster_id}/upgrade', 202, {
      body: { kubernetes_version: 'v1.30.4' },
    });
    advance(TRANSITION);
    const path = `/v1/nodepools/${DEFAULT_POOL}/upgrade`;
    await json('PUT', path, '/v1/nodepools/{nodepool_id}/upgrade', 200);
    expect(await showNodepool(DEFAULT_POOL)).toMatchObject({ status: 'Updating', kubernetes_version: 'v1.30.4' });
    advance(TRANSITION);
    expect((await showNodepool(DEFAULT_POOL)).status).toBe('Running');
    const nodes = await json('GET', `/v1/nodepools/${DEFAULT_POOL}/nodes`, '/v1/nodepools/{nodepool_id}/nodes', 200);
    expect(nodes.nodes.map((node: { kubernetes_version: string }) => node.kubernetes_version)).toEqual([
      'v1.30.4',
      'v1.30.4',
    ]);
  });

  it('setNodepoolLabels and setNodepoolTaints: done at once, the status unchanged', async () => {
    const labels = [{ key: 'example.com/team', value: 'a' }];
    const taints = [{ key: 'example.com/dedicated', value: 'gpu', effect: 'NoExecute' }];
    await json('PUT', `/v1/nodepools/${DEFAULT_POOL}/labels`, '/v1/nodepools/{nodepool_id}/labels', 200, {
      body: { labels },
    });
    await json('PUT', `/v1/nodepools/${DEFAULT_POOL}/taints`, '/v1/nodepools/{nodepool_id}/taints', 200, {
      body: { taints },
    });
    expect(await showNodepool(DEFAULT_POOL)).toMatchObject({ status: 'Running', labels, taints });
  });

  it('deleteNodepool: gone after the transition, its nodes no longer counted', async () => {
    await json('DELETE', `/v1/nodepools/${DEFAULT_POOL}`, '/v1/nodepools/{nodepool_id}', 202);
    expect((await showNodepool(DEFAULT_POOL)).status).toBe('Deleting');
    advance(TRANSITION);
    expect((await call(`/v1/nodepools/${DEFAULT_POOL}`)).response.status).toBe(404);
    expect((await call(`/v1/nodepools/${DEFAULT_POOL}/nodes`)).response.status).toBe(404);
    const pools = await json('GET', `/v1/clusters/${demo.id}/nodepools`, '/v1/clusters/{cluster_id}/nodepools', 200);
    expect(pools.nodepools.map((pool: { name: string }) => pool.name)).toEqual(['gpu-pool']);
    expect((await showCluster(demo.id)).node_count).toBe(1);
  });
});

describe('the state rules', () => {
  const invalid = async (method: string, path: string, body: unknown, detail: RegExp) => {
    const { response, body: text } = await call(path, { method, ...(body !== undefined && { body }) });
    expect(response.status, text).toBe(400);
    expect(firstError(text)).toMatchObject({ code: 'InvalidState', detail: [expect.stringMatching(detail)] });
  };

  it('refuses a change while another runs, and accepts it once the resource is steady again', async () => {
    const logging = `/v1/clusters/${demo.id}/logging`;
    await json('PUT', logging, '/v1/clusters/{cluster_id}/logging', 202, { body: { cloud_logging_enabled: true } });
    await invalid(
      'PUT',
      `/v1/clusters/${demo.id}/upgrade`,
      { kubernetes_version: 'v1.30.4' },
      /^Cluster demo-cluster is UPDATING: a change is in progress; setClusterUpgrade can run once it is RUNNING\.$/,
    );
    // A nodepool of a cluster that is changing waits too.
    await invalid(
      'PUT',
      `/v1/nodepools/${DEFAULT_POOL}`,
      { desired_node_count: 3 },
      /^Cluster demo-cluster is UPDATING/,
    );
    await invalid('POST', '/v1/nodepools', nodepoolBody(demo.id), /^Cluster demo-cluster is UPDATING/);
    advance(TRANSITION);
    await json('PUT', `/v1/clusters/${demo.id}/upgrade`, '/v1/clusters/{cluster_id}/upgrade', 202, {
      body: { kubernetes_version: 'v1.30.4' },
    });
  });

  it('says a resource being deleted will take no change, rather than to wait', async () => {
    await json('DELETE', `/v1/nodepools/${DEFAULT_POOL}`, '/v1/nodepools/{nodepool_id}', 202);
    await invalid(
      'PUT',
      `/v1/nodepools/${DEFAULT_POOL}/labels`,
      { labels: [] },
      /^Nodepool default-pool is Deleting: it is being deleted; setNodepoolLabels cannot run on it\.$/,
    );
  });

  it('refuses a nodepool change while the nodepool scales', async () => {
    await json('PUT', `/v1/nodepools/${DEFAULT_POOL}`, '/v1/nodepools/{nodepool_id}', 200, {
      body: { desired_node_count: 3 },
    });
    await invalid(
      'PUT',
      `/v1/nodepools/${DEFAULT_POOL}/labels`,
      { labels: [] },
      /^Nodepool default-pool is ScalingUp: a change is in progress; setNodepoolLabels can run once it is Running\.$/,
    );
  });

  it('refuses a change to a cluster in a status no change leads out of (a fixture CREATING, or ERROR)', async () => {
    const key = (DEMO_CREDENTIALS[0] as (typeof DEMO_CREDENTIALS)[0]).accessKey;
    const other = await startOnTestClock({
      clusters: [
        { ...restricted, accessKeys: [key] },
        { ...demo, id: 'e'.repeat(32), name: 'broken-cluster', status: 'ERROR', nodepools: [] },
      ],
    });
    try {
      const callOther = signedCaller(() => other.emulator);
      const refused = async (id: string) => {
        const { response, body } = await callOther(`/v1/clusters/${id}/logging`, {
          method: 'PUT',
          body: { cloud_logging_enabled: true },
        });
        expect(response.status).toBe(400);
        return firstError(body).detail;
      };
      expect(await refused(restricted.id)).toEqual([
        'Cluster restricted-cluster is CREATING: a change is in progress; setClusterLogging can run once it is RUNNING.',
      ]);
      expect(await refused('e'.repeat(32))).toEqual([
        'Cluster broken-cluster is ERROR; setClusterLogging needs it RUNNING.',
      ]);
      // Seeded statuses rest: only the operations start changes.
      other.advance(60 * 60 * 1000);
      expect(await refused(restricted.id)).toHaveLength(1);
    } finally {
      await other.emulator.close();
    }
  });

  it('accepts a delete during a change (it supersedes it), but not a second delete', async () => {
    const id = await createCluster();
    await json('DELETE', `/v1/clusters/${id}`, '/v1/clusters/{cluster_id}', 202);
    await invalid(
      'DELETE',
      `/v1/clusters/${id}`,
      undefined,
      /^Cluster team-cluster is already being deleted \(DELETING\)\.$/,
    );
    advance(TRANSITION);
    expect((await call(`/v1/clusters/${id}`)).response.status).toBe(404);
  });

  it('answers createNodepool on an unknown cluster 404, on one the key may not see 403, on one not RUNNING 400', async () => {
    const unknown = await call('/v1/nodepools', { method: 'POST', body: nodepoolBody('0'.repeat(32)) });
    expect(unknown.response.status).toBe(404);
    expect(firstError(unknown.body).detail).toEqual([`No cluster has the id ${'0'.repeat(32)}.`]);
    const hidden = await call('/v1/nodepools', { method: 'POST', body: nodepoolBody(restricted.id) });
    expect(hidden.response.status).toBe(403);
    const id = await createCluster();
    await invalid('POST', '/v1/nodepools', nodepoolBody(id), /^Cluster team-cluster is CREATING/);
  });

  it('answers a change to an unknown resource 404', async () => {
    const { response } = await call(`/v1/nodepools/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/labels`, {
      method: 'PUT',
      body: { labels: [] },
    });
    expect(response.status).toBe(404);
  });
});

describe('the read-only demo key', () => {
  it('reads everything, but gets 403 on every change, before its body is read', async () => {
    for (const path of [
      `/v1/clusters/${demo.id}`,
      `/v1/clusters/${demo.id}/nodepools`,
      `/v1/nodepools/${DEFAULT_POOL}`,
    ]) {
      expect((await call(path, { credentials: readOnly })).response.status).toBe(200);
    }
    for (const [method, path, action] of [
      ['POST', '/v1/clusters', 'ske:CreateCluster'],
      ['DELETE', `/v1/clusters/${demo.id}`, 'ske:DeleteCluster'],
      ['PUT', `/v1/nodepools/${DEFAULT_POOL}`, 'ske:SetNodepool'],
      ['GET', `/v1/clusters/${demo.id}/kubeconfig?kubeconfig_type=private`, 'ske:CreateClusterAdminKubeconfig'],
    ] as const) {
      const body = method === 'GET' ? undefined : 'not even JSON';
      const { response, body: text } = await call(path, { method, credentials: readOnly, body });
      expect(response.status).toBe(403);
      expect(firstError(text).detail).toEqual([`This access key may not use ${action}.`]);
    }
    expect((await showCluster(demo.id)).status).toBe('RUNNING');
  });
});
