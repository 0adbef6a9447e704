import { describe, expect, it } from 'vitest';
import { completeCluster } from '../complete-cluster.js';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { buildKubeconfig } from '../kubeconfig.js';
import { showClusterUserKubeconfig } from './show-cluster-user-kubeconfig.js';
import type { OperationRequest } from './types.js';

const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const cluster = completeCluster(DEFAULT_CLUSTERS[0] as (typeof DEFAULT_CLUSTERS)[0]);
const request = (caller = key1, type = 'private'): OperationRequest => ({
  path: { cluster_id: cluster.id },
  query: { kubeconfig_type: type },
  caller,
  clusters: [cluster],
});

describe('kubeconfigOperation', () => {
  it('answers the same object for the same cluster, endpoint and identity, so it is checked and written once', () => {
    const handler = showClusterUserKubeconfig();
    const first = handler(request());
    expect(first).toMatchObject({
      status: 200,
      cached: true,
      payload: buildKubeconfig(cluster, cluster.endpoints.private, key1.accessKey),
    });
    expect(handler(request())).toBe(first);
    expect(handler(request(key2))).not.toBe(first);
    expect(handler(request(key1, 'public'))).toMatchObject({
      payload: expect.stringContaining(`server: ${cluster.endpoints.public}`),
    });
  });

  it('writes a new body when a cluster it has seen is renamed', () => {
    const handler = showClusterUserKubeconfig();
    const renamed = { ...cluster };
    const input = { ...request(), clusters: [renamed] };
    expect(handler(input)).toMatchObject({ payload: expect.stringContaining('current-context: demo-cluster\n') });
    renamed.name = 'renamed';
    expect(handler(input)).toMatchObject({ payload: expect.stringContaining('current-context: renamed\n') });
  });

  it('writes a new body when the id of a cluster it has seen changes, and keeps each body apart', () => {
    const handler = showClusterUserKubeconfig();
    const moved = { ...cluster };
    const input = { ...request(), clusters: [moved] };
    const before = handler(input);
    moved.id = 'ffffffffffffffffffffffffffffffff';
    const after = handler({ ...input, path: { cluster_id: moved.id } });
    expect(after).not.toBe(before);
    expect(after).toMatchObject({ payload: buildKubeconfig(moved, moved.endpoints.private, key1.accessKey) });
    moved.id = cluster.id;
    expect(handler(input)).toBe(before);
  });
});
