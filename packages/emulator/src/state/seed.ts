/**
 * The store as the fixtures describe it: each cluster as the spec shows it, and its nodepools, each
 * built from the spec's example nodepool (showNodepool's) with the fixture's name, size, status,
 * version, labels and taints, and one node per node of its size. Seeded resources rest in the status
 * the fixture gives (a CREATING fixture cluster stays CREATING): only the operations start changes.
 */
import { createHash } from 'node:crypto';
import { type CompleteCluster, clusterResource } from '../complete-cluster.js';
import type { NodepoolFixture } from '../fixtures.js';
import type { ResourceModel } from './model.js';
import { resizeNodes } from './rules.js';
import { tForm } from './shape.js';
import { newEntry, type Resource, Store } from './store.js';

/** A UUID (v4 form) derived from a cluster id and a nodepool name: the same on every run. */
export function derivedUuid(clusterId: string, name: string): string {
  const hex = createHash('sha256').update(`nodepool\n${clusterId}\n${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A cluster's nodepools: the fixture's, else one `default-pool` of its nodes when it is RUNNING with nodes. */
function nodepoolsOf(cluster: CompleteCluster): NodepoolFixture[] {
  if (cluster.nodepools) return cluster.nodepools;
  const nodes = cluster.nodeCount ?? 0;
  return cluster.status === 'RUNNING' && nodes > 0 ? [{ name: 'default-pool', nodeCount: nodes }] : [];
}

function nodepoolResource(
  template: Resource,
  cluster: CompleteCluster,
  fixture: NodepoolFixture,
  steady: string | undefined,
): Resource {
  const size = fixture.nodeCount ?? 1;
  return {
    ...structuredClone(template),
    id: fixture.id ?? derivedUuid(cluster.id, fixture.name),
    name: fixture.name,
    account_id: cluster.accountId,
    cluster: { id: cluster.id },
    kubernetes_version: fixture.kubernetesVersion ?? cluster.kubernetesVersion,
    status: fixture.status ?? steady ?? 'Running',
    current_node_count: size,
    desired_node_count: size,
    min_node_count: size,
    max_node_count: size,
    labels: (fixture.labels ?? []).map((label) => ({ value: '', ...label })),
    taints: (fixture.taints ?? []).map((taint) => ({ value: '', ...taint })),
    created_at: tForm(cluster.createdAt),
    created_by: cluster.createdBy,
    modified_at: tForm(cluster.modifiedAt),
    modified_by: cluster.modifiedBy,
  };
}

export function seedStore(clusters: readonly CompleteCluster[], models: ReadonlyMap<string, ResourceModel>): Store {
  const store = new Store();
  const nodepoolModel = models.get('nodepool');
  for (const cluster of clusters) {
    const entry = newEntry('cluster', clusterResource(cluster));
    // The fixture's own list (not a copy): what the key checks read.
    entry.accessKeys = cluster.accessKeys;
    store.add(entry);
    if (!nodepoolModel) continue;
    for (const fixture of nodepoolsOf(cluster)) {
      const nodepool = newEntry(
        'nodepool',
        nodepoolResource(nodepoolModel.template, cluster, fixture, nodepoolModel.steady),
        entry,
      );
      resizeNodes(nodepool);
      store.add(nodepool);
    }
  }
  return store;
}
