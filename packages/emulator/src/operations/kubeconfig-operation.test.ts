import { describe, expect, it } from 'vitest';
import { clusterResource, completeCluster } from '../complete-cluster.js';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { buildKubeconfig } from '../kubeconfig.js';
import type { Route } from '../routes.js';
import { newEntry, Store } from '../state/store.js';
import { showClusterUserKubeconfig } from './show-cluster-user-kubeconfig.js';
import type { OperationContext, OperationRequest } from './types.js';

const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const cluster = completeCluster(DEFAULT_CLUSTERS[0] as (typeof DEFAULT_CLUSTERS)[0]);

function storeWith() {
  const store = new Store();
  const entry = newEntry('cluster', clusterResource(cluster));
  entry.accessKeys = cluster.accessKeys;
  store.add(entry);
  return { store, entry };
}

const contextOf = (store: Store): OperationContext => ({
  store,
  models: new Map(),
  credentials: DEMO_CREDENTIALS,
  transitionMs: 0,
  changed: () => undefined,
});

const request = (caller = key1, type = 'private', clusterId = cluster.id): OperationRequest => ({
  path: { cluster_id: clusterId },
  query: { kubeconfig_type: type },
  body: undefined,
  caller,
  route: {} as Route,
  apiVersion: 'ske 1.3',
  nowMs: 0,
  requestId: 'req-1',
});

describe('kubeconfigOperation', () => {
  it('answers the same object for the same cluster, endpoint and identity, so it is checked and written once', () => {
    const handler = showClusterUserKubeconfig(contextOf(storeWith().store));
    const first = handler(request());
    expect(first).toMatchObject({
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
    const { store, entry } = storeWith();
    const handler = showClusterUserKubeconfig(contextOf(store));
    expect(handler(request())).toMatchObject({ payload: expect.stringContaining('current-context: demo-cluster\n') });
    entry.value.name = 'renamed';
    expect(handler(request())).toMatchObject({ payload: expect.stringContaining('current-context: renamed\n') });
  });

  it('keeps the bodies of each cluster apart, and forgets those of a cluster that is gone', () => {
    const { store, entry } = storeWith();
    const handler = showClusterUserKubeconfig(contextOf(store));
    const before = handler(request());
    const other = newEntry('cluster', { ...entry.value, id: 'f'.repeat(32) });
    other.accessKeys = entry.accessKeys;
    store.add(other);
    const after = handler(request(key1, 'private', other.id));
    expect(after).not.toBe(before);
    expect(after).toMatchObject({
      payload: buildKubeconfig({ id: other.id, name: cluster.name }, cluster.endpoints.private, key1.accessKey),
    });
    expect(handler(request())).toBe(before);
    store.remove(entry);
    expect(handler(request())).toMatchObject({ status: 404, code: 'NotFound' });
  });
});
