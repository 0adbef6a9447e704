/**
 * What the spec's `x-scp-state-change` does not say, per resource, kept small and in one place:
 * the fields of a new resource that follow from others (a cluster's namespace and endpoint URLs, the
 * names of its network resources; a nodepool's counts), and what a nodepool's settling does (its
 * nodes follow its desired count and version; its cluster's `node_count` sums its nodepools').
 */
import { createHash } from 'node:crypto';
import type { Schema } from './model.js';
import { fit } from './shape.js';
import type { Entry, Resource } from './store.js';

export interface ResourceRules {
  /** A new resource, built from the template and the request: fills what follows from them. */
  created?(value: Resource, body: Resource, schema: Schema): void;
  /** A resource the request changed: fills what follows. */
  updated?(value: Resource, body: Resource): void;
  /** A change on the resource is done (it was not removed). */
  settled?(entry: Entry): void;
  /** The resource was removed (its parent, if any, is still there). */
  removed?(entry: Entry): void;
}

/** 32 hex digits derived from a resource id and a kind: the same on every run. */
export const derivedId = (id: string, kind: string) =>
  createHash('sha256').update(`${kind}\n${id}`).digest('hex').slice(0, 32);

export const clusterEndpoint = (id: string, type: 'private' | 'public') =>
  `https://${id}.ske.${type}.kr-west1.samsungsdscloud.com:6443`;

/** The characters Kubernetes draws generated name suffixes from. */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** A node's name: `<nodepool>-<10 hex of the nodepool's id>-<5 chars>`, stable for a nodepool and index. */
export function nodeName(nodepool: Resource, index: number): string {
  const id = String(nodepool.id);
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 10);
  const bytes = createHash('sha256').update(`${id}\n${index}`).digest();
  let suffix = '';
  for (let position = 0; position < 5; position++) {
    suffix += SUFFIX_ALPHABET[(bytes[position] as number) % SUFFIX_ALPHABET.length];
  }
  return `${String(nodepool.name)}-${hash}-${suffix}`;
}

/** A nodepool's nodes follow its desired count (new ones added, the newest removed) and its version. */
export function resizeNodes(entry: Entry): void {
  const nodepool = entry.value;
  const wanted = Math.max(0, Number(nodepool.desired_node_count ?? 0));
  while (entry.nodes.length > wanted) entry.nodes.pop();
  while (entry.nodes.length < wanted) {
    entry.nodes.push({
      name: nodeName(nodepool, entry.nextNode),
      status: 'RUNNING',
      kubernetes_version: nodepool.kubernetes_version,
      account_id: nodepool.account_id,
    });
    entry.nextNode += 1;
  }
  for (const node of entry.nodes) node.kubernetes_version = nodepool.kubernetes_version;
}

/** A cluster with nodepools counts their nodes. */
function countNodes(cluster: Entry | undefined): void {
  if (!cluster || cluster.children.size === 0) {
    if (cluster) cluster.value.node_count = 0;
    return;
  }
  let total = 0;
  for (const nodepool of cluster.children.values()) total += Number(nodepool.value.current_node_count ?? 0);
  cluster.value.node_count = total;
}

/** Without auto-scaling a nodepool has exactly its desired size: min = max = desired (as SCP's provider expects). */
function fixedSize(nodepool: Resource): void {
  if (nodepool.auto_scale_enabled !== false) return;
  nodepool.min_node_count = nodepool.desired_node_count;
  nodepool.max_node_count = nodepool.desired_node_count;
}

export const RULES: Readonly<Record<string, ResourceRules>> = {
  cluster: {
    created(cluster, body, schema) {
      const id = String(cluster.id);
      const name = String(cluster.name);
      cluster.cluster_namespace = `${name}-${id.slice(0, 5)}`;
      cluster.private_endpoint_url = clusterEndpoint(id, 'private');
      cluster.public_endpoint_url = clusterEndpoint(id, 'public');
      cluster.private_kubeconfig_download_yn = 'Y';
      cluster.public_kubeconfig_download_yn = 'Y';
      for (const kind of ['vpc', 'subnet', 'volume']) {
        cluster[kind] = { ...(cluster[kind] as Resource), name: `${name}-${kind}` };
      }
      cluster.managed_security_group = { id: derivedId(id, 'sg'), name: `${name}-sg` };
      // The security groups the request names (createCluster's `sets` has no entry for them).
      if (Array.isArray(body.security_group_id_list)) {
        cluster.security_group_list = fit(body.security_group_id_list, schema.properties?.security_group_list, []);
      }
      cluster.node_count = 0;
    },
  },
  nodepool: {
    created(nodepool, body) {
      // With auto-scaling and no desired size, the pool starts at its minimum.
      if (nodepool.auto_scale_enabled === true && body.desired_node_count == null && body.min_node_count != null) {
        nodepool.desired_node_count = nodepool.min_node_count;
      }
      fixedSize(nodepool);
      nodepool.current_node_count = 0;
    },
    updated(nodepool) {
      fixedSize(nodepool);
    },
    settled(entry) {
      entry.value.current_node_count = entry.value.desired_node_count;
      resizeNodes(entry);
      countNodes(entry.parent);
    },
    removed(entry) {
      countNodes(entry.parent);
    },
  },
};
