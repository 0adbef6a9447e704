import { loadDocument } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { conformanceProblems } from '../testing/conformance.js';
import { firstError, signedCaller } from '../testing/signed-call.js';

const [, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const [demo, privateOnly, restricted] = DEFAULT_CLUSTERS as [ClusterFixture, ClusterFixture, ClusterFixture];
const PATH = '/v1/clusters/{cluster_id}';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
const call = signedCaller(() => emulator);

async function show(clusterId: string, options: Parameters<typeof call>[1] = {}) {
  const { response, body } = await call(`/v1/clusters/${clusterId}`, options);
  expect(response.status, body).toBe(200);
  expect(await conformanceProblems('1.3', 200, response.headers.get('content-type') ?? '', body, PATH)).toEqual([]);
  return JSON.parse(body).cluster as Record<string, unknown>;
}

describe('showCluster', () => {
  it('shows the full Cluster: every field the spec requires, from the fixture', async () => {
    const document = await loadDocument('1.3', 'dereferenced');
    type ShowOperation = {
      responses: {
        200: { content: { 'application/json': { schema: { properties: { cluster: { required: string[] } } } } } };
      };
    };
    const operation = document.paths[PATH]?.get as ShowOperation;
    const required = operation.responses[200].content['application/json'].schema.properties.cluster.required;
    const cluster = await show(demo.id);
    expect(Object.keys(cluster).sort()).toEqual([...required].sort());
    expect(cluster).toMatchObject({
      id: demo.id,
      name: 'demo-cluster',
      status: 'RUNNING',
      kubernetes_version: 'v1.29.8',
      private_endpoint_url: demo.endpoints.private,
      public_endpoint_url: demo.endpoints.public,
      private_kubeconfig_download_yn: 'Y',
      public_kubeconfig_download_yn: 'Y',
      node_count: 3,
      max_node_count: 10,
      cloud_logging_enabled: false,
      subnet: emulator.clusters[0]?.subnet,
      security_group_list: [emulator.clusters[0]?.securityGroup],
    });
  });

  it('shows no public endpoint and N for the public kubeconfig of a private-only cluster', async () => {
    expect(await show(privateOnly.id)).toMatchObject({
      public_endpoint_url: null,
      public_kubeconfig_download_yn: 'N',
      private_kubeconfig_download_yn: 'Y',
      kubernetes_version: 'v1.30.4',
    });
  });

  it('shows the fields a fixture gives', async () => {
    const custom = await startEmulator({
      clusters: [
        {
          ...restricted,
          accessKeys: [key2.accessKey],
          nodeCount: null,
          maxNodeCount: 20,
          accountId: 'a'.repeat(32),
          clusterNamespace: 'team-ns',
          cloudLoggingEnabled: true,
          createdAt: '2025-06-01T10:00:00Z',
          vpc: { id: 'vpc-1', name: 'team-vpc' },
          publicEndpointAccessControlIp: '203.0.113.0/24',
          privateEndpointAccessControlResources: [{ id: 'vm-1', name: 'bastion', type: 'vm' }],
        },
      ],
    });
    try {
      const { response, body } = await signedCaller(() => custom)(`/v1/clusters/${restricted.id}`, {
        credentials: key2,
      });
      expect(response.status).toBe(200);
      expect(JSON.parse(body).cluster).toMatchObject({
        status: 'CREATING',
        node_count: null,
        max_node_count: 20,
        account_id: 'a'.repeat(32),
        cluster_namespace: 'team-ns',
        cloud_logging_enabled: true,
        created_at: '2025-06-01T10:00:00Z',
        modified_at: '2025-06-01T10:00:00Z',
        vpc: { id: 'vpc-1', name: 'team-vpc' },
        public_endpoint_access_control_ip: '203.0.113.0/24',
        private_endpoint_access_control_resources: [{ id: 'vm-1', name: 'bastion', type: 'vm' }],
      });
    } finally {
      await custom.close();
    }
  });

  it.each([
    ['an unknown well-formed id', '0123456789abcdef0123456789abcdef', 404, 'NotFound', 'No cluster has the id'],
    ['a cluster the key may not see', restricted.id, 403, 'Forbidden', 'may not read this cluster'],
    ['a malformed id', '70A599E0', 400, 'ValidationError', 'cluster_id (path) must match'],
  ])('answers %s with %i', async (_name, clusterId, status, code, detail) => {
    const { response, body } = await call(`/v1/clusters/${clusterId}`);
    expect(response.status).toBe(status);
    expect(firstError(body)).toMatchObject({ code, detail: [expect.stringContaining(detail)] });
    expect(await conformanceProblems('1.3', status, 'application/json', body, PATH)).toEqual([]);
  });
});
