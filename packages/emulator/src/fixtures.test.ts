import { loadDocument, versions } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS, parseFixtures, READ_ONLY_ACTIONS } from './fixtures.js';

const minimal = { id: 'ab'.repeat(16), name: 'mine', endpoints: { private: 'https://p:6443' }, accessKeys: ['AK'] };

describe('parseFixtures', () => {
  it('falls back to the defaults for a missing section', () => {
    expect(parseFixtures({})).toEqual({ clusters: DEFAULT_CLUSTERS, credentials: DEMO_CREDENTIALS });
  });

  it('reads clusters and credentials', () => {
    const fixtures = parseFixtures({
      credentials: [{ accessKey: 'AK', secretKey: 'SK' }],
      clusters: [{ id: 'ab'.repeat(16), name: 'mine', endpoints: { private: 'https://p:6443' }, accessKeys: ['AK'] }],
    });
    expect(fixtures.clusters[0]?.endpoints).toEqual({ private: 'https://p:6443', public: null });
    expect(fixtures.credentials).toEqual([{ accessKey: 'AK', secretKey: 'SK' }]);
  });

  it('reads every optional cluster field and the actions of a key', () => {
    const cluster = {
      ...minimal,
      status: 'CREATING',
      kubernetesVersion: 'v1.30.4',
      accountId: 'acct',
      clusterNamespace: 'mine-ns',
      cloudLoggingEnabled: true,
      nodeCount: 0,
      maxNodeCount: null,
      createdAt: '2025-03-31 00:23:17+00:00',
      modifiedAt: '2025-04-01T00:00:00Z',
      createdBy: 'me',
      modifiedBy: 'you',
      subnet: { id: 'subnet-1', name: 'mine-subnet' },
      vpc: { name: 'only-a-name' },
      volume: { id: 'vol-1' },
      securityGroup: { id: 'sg-1', name: 'mine-sg' },
      publicEndpointAccessControlIp: null,
      privateEndpointAccessControlResources: [{ id: 'vm-1', name: 'bastion', type: 'vm' }],
    };
    const fixtures = parseFixtures({
      clusters: [cluster],
      credentials: [{ accessKey: 'AK', secretKey: 'SK', actions: ['ske:ListClusters'] }],
    });
    expect(fixtures.clusters).toEqual([{ ...cluster, endpoints: { private: 'https://p:6443', public: null } }]);
    expect(fixtures.credentials[0]?.actions).toEqual(['ske:ListClusters']);
  });

  it('gives demo key 1 every action and demo key 2 only those that read, not the admin kubeconfig', () => {
    const [key1, key2] = DEMO_CREDENTIALS;
    expect(key1?.actions).toBeUndefined();
    expect(key2?.actions).toEqual([...READ_ONLY_ACTIONS]);
    expect(key2?.actions).not.toContain('ske:CreateClusterAdminKubeconfig');
  });

  it("lists as read-only exactly the actions of the spec's READ and LIST operations, in every version", async () => {
    const readOnly = new Set<string>();
    for (const version of versions) {
      const document = await loadDocument(version, 'dereferenced');
      for (const item of Object.values(document.paths)) {
        for (const operation of Object.values(item) as Record<string, string>[]) {
          const level = operation['x-scp-access-level'];
          if (level === 'READ' || level === 'LIST') readOnly.add(operation['x-scp-action-id'] as string);
        }
      }
    }
    expect([...READ_ONLY_ACTIONS].sort()).toEqual([...readOnly].sort());
  });

  it("keeps the spec's example cluster visible to both demo keys and RUNNING, and the others distinct", () => {
    const [demo, privateOnly, restricted] = DEFAULT_CLUSTERS;
    expect(demo).toMatchObject({ id: '70a599e031e749b7b260868f441e862b', status: 'RUNNING' });
    expect(demo?.accessKeys).toEqual(DEMO_CREDENTIALS.map((key) => key.accessKey));
    expect([demo, privateOnly, restricted].map((cluster) => [cluster?.status, cluster?.kubernetesVersion])).toEqual([
      ['RUNNING', 'v1.29.8'],
      ['RUNNING', 'v1.30.4'],
      ['CREATING', 'v1.29.8'],
    ]);
  });

  it.each([
    [[], /^fixtures: expected a JSON object$/],
    [{ clusters: {} }, /^clusters: expected an array$/],
    [
      { clusters: [{ id: 'XYZ', name: 'a', endpoints: { private: 'https://p' }, accessKeys: [] }] },
      /^clusters\[0\]\.id: expected 32 lower-case hex digits$/,
    ],
    [
      { clusters: [{ id: 'ab'.repeat(16), name: 'Bad Name', endpoints: { private: 'https://p' }, accessKeys: [] }] },
      /^clusters\[0\]\.name: /,
    ],
    [
      { clusters: [{ id: 'ab'.repeat(16), name: 'a', endpoints: { private: 'ftp://p' }, accessKeys: [] }] },
      /^clusters\[0\]\.endpoints\.private: expected an http\(s\) URL$/,
    ],
    [{ credentials: [{ accessKey: 'AK' }] }, /^credentials\[0\]\.secretKey: expected a non-empty string$/],
    [
      { credentials: [{ accessKey: 'AK', secretKey: 'SK', actions: ['ListClusters'] }] },
      /^credentials\[0\]\.actions\[0\]: expected an IAM action such as ske:ListClusters$/,
    ],
    [
      { credentials: [{ accessKey: 'AK', secretKey: 'SK', actions: 'ske:*' }] },
      /^credentials\[0\]\.actions: expected an array$/,
    ],
    [
      { clusters: [minimal, { ...minimal, id: 'cd'.repeat(16), nodeCount: -1 }] },
      /^clusters\[1\]\.nodeCount: expected a whole number ≥ 0$/,
    ],
    [{ clusters: [{ ...minimal, maxNodeCount: 2.5 }] }, /^clusters\[0\]\.maxNodeCount: expected a whole number ≥ 0$/],
    [
      { clusters: [{ ...minimal, nodeCount: 5, maxNodeCount: 3 }] },
      /^clusters\[0\]\.nodeCount: expected at most maxNodeCount \(3\)$/,
    ],
    [{ clusters: [{ ...minimal, status: '' }] }, /^clusters\[0\]\.status: expected a non-empty string$/],
    [
      { clusters: [{ ...minimal, kubernetesVersion: '1.29' }] },
      /^clusters\[0\]\.kubernetesVersion: expected a version such as v1\.29\.8$/,
    ],
    [
      { clusters: [{ ...minimal, createdAt: 'yesterday' }] },
      /^clusters\[0\]\.createdAt: expected an RFC 3339 date and time/,
    ],
    [
      { clusters: [{ ...minimal, cloudLoggingEnabled: 'yes' }] },
      /^clusters\[0\]\.cloudLoggingEnabled: expected true or false$/,
    ],
    [{ clusters: [{ ...minimal, subnet: { id: 7 } }] }, /^clusters\[0\]\.subnet\.id: expected a non-empty string$/],
    [{ clusters: [{ ...minimal, vpc: 'vpc-1' }] }, /^clusters\[0\]\.vpc: expected an object$/],
    [
      { clusters: [{ ...minimal, privateEndpointAccessControlResources: [{ id: 'vm-1', name: 'b' }] }] },
      /^clusters\[0\]\.privateEndpointAccessControlResources\[0\]\.type: expected a non-empty string$/,
    ],
  ])('names the bad field in %j', (data, message) => {
    expect(() => parseFixtures(data)).toThrow(message);
  });

  it('reads nodepools, and names a bad field of one', () => {
    const nodepools = [
      {
        id: 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79',
        name: 'pool-a',
        nodeCount: 2,
        status: 'Running',
        kubernetesVersion: 'v1.30.4',
        labels: [{ key: 'team', value: 'a' }],
        taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      },
      { name: 'pool-b' },
    ];
    expect(parseFixtures({ clusters: [{ ...minimal, nodepools }] }).clusters[0]?.nodepools).toEqual(nodepools);
    for (const [nodepool, message] of [
      [{ name: 'Bad Name' }, /^clusters\[0\]\.nodepools\[0\]\.name: /],
      [{ name: 'p', id: 'not-a-uuid' }, /^clusters\[0\]\.nodepools\[0\]\.id: expected a UUID$/],
      [{ name: 'p', nodeCount: null }, /^clusters\[0\]\.nodepools\[0\]\.nodeCount: expected a whole number ≥ 0$/],
      [{ name: 'p', labels: [{ value: 'x' }] }, /^clusters\[0\]\.nodepools\[0\]\.labels\[0\]\.key: /],
      [
        { name: 'p', taints: [{ key: 'k', effect: 'Never' }] },
        /^clusters\[0\]\.nodepools\[0\]\.taints\[0\]\.effect: expected one of NoSchedule, NoExecute, PreferNoSchedule$/,
      ],
    ] as const) {
      expect(() => parseFixtures({ clusters: [{ ...minimal, nodepools: [nodepool] }] })).toThrow(message);
    }
    const twice = { name: 'p', id: 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79' };
    expect(() => parseFixtures({ clusters: [{ ...minimal, nodepools: [twice, { ...twice, name: 'q' }] }] })).toThrow(
      'clusters: the id bdfda539-bd2e-4a5c-9021-ec6d52d1ca79 appears twice',
    );
  });

  it('never quotes a secret in its errors', () => {
    expect(() => parseFixtures({ credentials: [{ accessKey: '', secretKey: 'TOP-SECRET' }] })).toThrow(
      /^(?!.*TOP-SECRET)/,
    );
  });
});
