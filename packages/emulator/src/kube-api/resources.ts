/**
 * What the emulator's Kubernetes API shows of a cluster: its namespaces (the four every cluster has)
 * and one node per node of its nodepools, as Kubernetes objects, and as the `Table` kubectl asks for
 * (`Accept: …;as=Table;g=meta.k8s.io;v=v1`), with the columns kubectl prints for them.
 */
import { timestamp } from '../state/shape.js';
import type { Entry } from '../state/store.js';

export type KubeObject = Record<string, unknown>;

const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** A Kubernetes-style age (`45s`, `12m`, `5h`, `300d`). */
export function age(sinceMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((nowMs - sinceMs) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

const createdOf = (cluster: Entry) => {
  const created = Date.parse(String(cluster.value.created_at ?? ''));
  return Number.isNaN(created) ? 0 : created;
};

/** Uid-like, stable: from the cluster id and the object's name. */
const uidOf = (clusterId: string, name: string) => {
  const hex = Buffer.from(`${clusterId}${name}`).toString('hex').padEnd(32, '0').slice(-32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

export function namespaces(cluster: Entry): KubeObject[] {
  const created = timestamp(createdOf(cluster));
  return NAMESPACES.map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      uid: uidOf(cluster.id, `ns/${name}`),
      resourceVersion: '1',
      creationTimestamp: created,
      labels: { 'kubernetes.io/metadata.name': name },
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

export function nodes(cluster: Entry): KubeObject[] {
  const created = timestamp(createdOf(cluster));
  const list: KubeObject[] = [];
  for (const nodepool of cluster.children.values()) {
    for (const node of nodepool.nodes) {
      const name = String(node.name);
      const ready = node.status === 'RUNNING';
      list.push({
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          uid: uidOf(cluster.id, `node/${name}`),
          resourceVersion: '1',
          creationTimestamp: created,
          labels: {
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'ske.samsungsdscloud.com/nodepool': String(nodepool.value.name),
          },
        },
        spec: {},
        status: {
          conditions: [
            {
              type: 'Ready',
              status: ready ? 'True' : 'False',
              reason: ready ? 'KubeletReady' : 'KubeletNotReady',
              lastHeartbeatTime: created,
              lastTransitionTime: created,
            },
          ],
          nodeInfo: {
            kubeletVersion: String(node.kubernetes_version ?? cluster.value.kubernetes_version ?? ''),
            operatingSystem: 'linux',
            architecture: 'amd64',
          },
        },
      });
    }
  }
  return list;
}

const metadataOf = (object: KubeObject) => object.metadata as { name: string; creationTimestamp: string };

/** A list object (`NamespaceList`, `NodeList`). */
export function list(kind: string, items: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', kind: `${kind}List`, metadata: { resourceVersion: '1' }, items };
}

const column = (name: string, format = '') => ({ name, type: 'string', format, description: '', priority: 0 });

/** The `Table` kubectl prints: NAME STATUS AGE for namespaces, NAME STATUS ROLES AGE VERSION for nodes. */
export function table(kind: 'Namespace' | 'Node', items: KubeObject[], nowMs: number): KubeObject {
  const columns =
    kind === 'Namespace'
      ? [column('Name', 'name'), column('Status'), column('Age')]
      : [column('Name', 'name'), column('Status'), column('Roles'), column('Age'), column('Version')];
  const rows = items.map((item) => {
    const metadata = metadataOf(item);
    const itemAge = age(Date.parse(metadata.creationTimestamp), nowMs);
    const status = item.status as {
      phase?: string;
      conditions?: { status: string }[];
      nodeInfo?: { kubeletVersion: string };
    };
    const cells =
      kind === 'Namespace'
        ? [metadata.name, status.phase, itemAge]
        : [
            metadata.name,
            status.conditions?.[0]?.status === 'True' ? 'Ready' : 'NotReady',
            '<none>',
            itemAge,
            status.nodeInfo?.kubeletVersion,
          ];
    return {
      cells,
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: item.metadata },
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: columns,
    rows,
  };
}
