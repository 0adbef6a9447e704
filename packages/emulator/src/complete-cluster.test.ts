import { describe, expect, it } from 'vitest';
import { CLUSTER_DEFAULTS, clusterResource, completeCluster, completeClusterOf } from './complete-cluster.js';
import { DEFAULT_CLUSTERS } from './fixtures.js';
import { newEntry } from './state/store.js';

const minimal = { id: 'ab'.repeat(16), name: 'mine', endpoints: { private: 'https://p:6443' }, accessKeys: ['AK'] };

describe('completeCluster', () => {
  it('fills every optional field with its default', () => {
    const cluster = completeCluster(minimal);
    expect(cluster).toMatchObject({
      ...CLUSTER_DEFAULTS,
      endpoints: { private: 'https://p:6443', public: null },
      clusterNamespace: 'mine-ababa',
      modifiedAt: CLUSTER_DEFAULTS.createdAt,
      modifiedBy: CLUSTER_DEFAULTS.createdBy,
      subnet: { id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'mine-subnet' },
      vpc: { name: 'mine-vpc' },
      volume: { name: 'mine-volume' },
      securityGroup: { name: 'mine-sg' },
      publicEndpointAccessControlIp: null,
      privateEndpointAccessControlResources: [],
    });
  });

  it('derives resource ids from the cluster id: the same on every run, different per cluster and per kind', () => {
    const first = completeCluster(minimal);
    expect(completeCluster(minimal).subnet).toEqual(first.subnet);
    expect(completeCluster({ ...minimal, id: 'cd'.repeat(16) }).subnet.id).not.toBe(first.subnet.id);
    expect(new Set([first.subnet.id, first.vpc.id, first.volume.id, first.securityGroup.id]).size).toBe(4);
  });

  it('keeps what the fixture gives, null included, and raises the default maxNodeCount to nodeCount', () => {
    expect(completeCluster({ ...minimal, nodeCount: null, subnet: { name: 'shared' } })).toMatchObject({
      nodeCount: null,
      maxNodeCount: 10,
      subnet: { name: 'shared', id: expect.any(String) },
    });
    expect(completeCluster({ ...minimal, nodeCount: 25 }).maxNodeCount).toBe(25);
    expect(completeCluster(DEFAULT_CLUSTERS[2] as (typeof DEFAULT_CLUSTERS)[2]).status).toBe('CREATING');
  });
});

describe('clusterResource and completeClusterOf', () => {
  it('write a fixture as the spec shows it, timestamps in T form (UTC), and read it back', () => {
    const cluster = completeCluster({
      ...minimal,
      createdAt: '2025-03-31 09:23:17+09:00',
      modifiedAt: '2025-04-01 00:00:00+00:00',
    });
    const resource = clusterResource(cluster);
    expect(resource).toMatchObject({
      created_at: '2025-03-31T00:23:17Z',
      modified_at: '2025-04-01T00:00:00Z',
      public_endpoint_url: null,
      public_kubeconfig_download_yn: 'N',
      service_watch_logging_enabled: false,
      security_group_list: [cluster.securityGroup],
    });
    const entry = newEntry('cluster', resource);
    entry.accessKeys = cluster.accessKeys;
    expect(completeClusterOf(entry)).toEqual({
      ...cluster,
      createdAt: '2025-03-31T00:23:17Z',
      modifiedAt: '2025-04-01T00:00:00Z',
      nodepools: [],
    });
  });
});
