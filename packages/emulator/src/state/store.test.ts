import { describe, expect, it } from 'vitest';
import { resizeNodes } from './rules.js';
import { newEntry, Store } from './store.js';

function storeWithPool() {
  const store = new Store();
  const cluster = newEntry('cluster', { id: 'c1', name: 'c', status: 'RUNNING', node_count: 0 });
  cluster.accessKeys = ['AK'];
  store.add(cluster);
  const pool = newEntry('nodepool', { id: 'p1', name: 'pool', status: 'Running', desired_node_count: 2 }, cluster);
  store.add(pool);
  return { store, cluster, pool };
}

describe('Store', () => {
  it('finds resources by kind and id, and a nodepool sees its cluster and its keys', () => {
    const { store, cluster, pool } = storeWithPool();
    expect(store.get('cluster', 'c1')).toBe(cluster);
    expect(store.get('nodepool', 'p1')).toBe(pool);
    expect(store.get('nodepool', 'c1')).toBeUndefined();
    expect(store.get('cluster', 'p1')).toBeUndefined();
    expect(pool.parent).toBe(cluster);
    expect(pool.accessKeys).toBe(cluster.accessKeys);
    expect([...cluster.children.keys()]).toEqual(['p1']);
  });

  it('settles what is due, oldest first, and nothing before its time', () => {
    const { store, cluster, pool } = storeWithPool();
    store.begin(pool, { dueAt: 20, settles: 'Running' });
    store.begin(cluster, { dueAt: 10, settles: 'RUNNING' });
    cluster.value.status = 'UPDATING';
    pool.value.status = 'ScalingUp';
    expect(store.hasDue(9)).toBe(false);
    expect(store.nextDue()).toBe(10);
    expect(store.settleDue(9)).toEqual([]);
    const order: string[] = [];
    store.settleDue(20, ({ entry }) => order.push(entry.id));
    expect(order).toEqual(['c1', 'p1']);
    expect([cluster.value.status, pool.value.status, cluster.pending, pool.pending]).toEqual([
      'RUNNING',
      'Running',
      undefined,
      undefined,
    ]);
    expect(store.nextDue()).toBeUndefined();
  });

  it('removes a deleted cluster with its nodepools, and their pending changes with them', () => {
    const { store, cluster, pool } = storeWithPool();
    store.begin(pool, { dueAt: 5, settles: 'Running' });
    store.begin(cluster, { dueAt: 1, remove: true });
    const done = store.settleDue(10);
    expect(done).toEqual([{ entry: cluster, removed: true }]);
    expect(store.get('cluster', 'c1')).toBeUndefined();
    expect(store.get('nodepool', 'p1')).toBeUndefined();
    expect(store.hasDue(Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('resizeNodes', () => {
  it('adds nodes up to the desired count with stable names, removes the newest first, and follows the version', () => {
    const { pool } = storeWithPool();
    pool.value.kubernetes_version = 'v1.30.4';
    resizeNodes(pool);
    const names = pool.nodes.map((node) => node.name);
    expect(names).toHaveLength(2);
    pool.value.desired_node_count = 1;
    resizeNodes(pool);
    expect(pool.nodes.map((node) => node.name)).toEqual([names[0]]);
    pool.value.desired_node_count = 2;
    pool.value.kubernetes_version = 'v1.31.1';
    resizeNodes(pool);
    expect(pool.nodes).toHaveLength(2);
    expect(pool.nodes[1]?.name).not.toBe(names[1]);
    expect(pool.nodes.map((node) => node.kubernetes_version)).toEqual(['v1.31.1', 'v1.31.1']);
  });
});
