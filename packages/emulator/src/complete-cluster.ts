/**
 * A fixture cluster with every optional field filled in, once, when the emulator starts: what its
 * store is seeded from (`clusterResource`, the cluster as the spec shows it). Defaults are fixed
 * values or derived from the cluster's id and name, so a cluster looks the same on every run. Values
 * are not checked here (parseFixtures checks a fixtures file): a value the spec rejects is caught
 * when an answer carrying it is checked against the spec (500). `completeClusterOf` reads a stored
 * cluster back in this form (`emulator.clusters`).
 */
import { createHash } from 'node:crypto';
import type { AccessControlResource, ClusterFixture, ExternalResource, NodepoolFixture } from './fixtures.js';
import { tForm } from './state/shape.js';
import type { Entry, Resource } from './state/store.js';

export interface CompleteCluster extends ClusterFixture {
  status: string;
  kubernetesVersion: string;
  accountId: string;
  clusterNamespace: string;
  cloudLoggingEnabled: boolean;
  serviceWatchLoggingEnabled: boolean;
  nodeCount: number | null;
  maxNodeCount: number | null;
  createdAt: string;
  modifiedAt: string;
  createdBy: string;
  modifiedBy: string;
  subnet: ExternalResource;
  vpc: ExternalResource;
  volume: ExternalResource;
  securityGroup: ExternalResource;
  publicEndpointAccessControlIp: string | null;
  privateEndpointAccessControlResources: AccessControlResource[] | null;
}

export const CLUSTER_DEFAULTS = {
  status: 'RUNNING',
  kubernetesVersion: 'v1.29.8',
  accountId: '6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b',
  cloudLoggingEnabled: false,
  serviceWatchLoggingEnabled: false,
  nodeCount: 3,
  maxNodeCount: 10,
  createdAt: '2025-03-31T00:23:17Z',
  createdBy: '8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39',
} as const;

/** 32 hex digits, the same for a cluster id and a kind on every run. */
const derivedId = (clusterId: string, kind: string) =>
  createHash('sha256').update(`${kind}\n${clusterId}`).digest('hex').slice(0, 32);

function resource(given: Partial<ExternalResource> | undefined, cluster: ClusterFixture, kind: string) {
  return { id: given?.id ?? derivedId(cluster.id, kind), name: given?.name ?? `${cluster.name}-${kind}` };
}

/** `value` unless it is undefined (null is a value: the spec allows it for these fields). */
const or = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);

export function completeCluster(cluster: ClusterFixture): CompleteCluster {
  const nodeCount = or(cluster.nodeCount, CLUSTER_DEFAULTS.nodeCount);
  const createdAt = cluster.createdAt ?? CLUSTER_DEFAULTS.createdAt;
  const createdBy = cluster.createdBy ?? CLUSTER_DEFAULTS.createdBy;
  return {
    ...cluster,
    endpoints: { private: cluster.endpoints.private, public: cluster.endpoints.public ?? null },
    status: cluster.status ?? CLUSTER_DEFAULTS.status,
    kubernetesVersion: cluster.kubernetesVersion ?? CLUSTER_DEFAULTS.kubernetesVersion,
    accountId: cluster.accountId ?? CLUSTER_DEFAULTS.accountId,
    clusterNamespace: cluster.clusterNamespace ?? `${cluster.name}-${cluster.id.slice(0, 5)}`,
    cloudLoggingEnabled: cluster.cloudLoggingEnabled ?? CLUSTER_DEFAULTS.cloudLoggingEnabled,
    serviceWatchLoggingEnabled: cluster.serviceWatchLoggingEnabled ?? CLUSTER_DEFAULTS.serviceWatchLoggingEnabled,
    nodeCount,
    maxNodeCount: or(cluster.maxNodeCount, Math.max(CLUSTER_DEFAULTS.maxNodeCount, nodeCount ?? 0)),
    createdAt,
    modifiedAt: cluster.modifiedAt ?? createdAt,
    createdBy,
    modifiedBy: cluster.modifiedBy ?? createdBy,
    subnet: resource(cluster.subnet, cluster, 'subnet'),
    vpc: resource(cluster.vpc, cluster, 'vpc'),
    volume: resource(cluster.volume, cluster, 'volume'),
    securityGroup: resource(cluster.securityGroup, cluster, 'sg'),
    publicEndpointAccessControlIp: or(cluster.publicEndpointAccessControlIp, null),
    privateEndpointAccessControlResources: or(cluster.privateEndpointAccessControlResources, []),
  };
}

/** A timestamp as answers carry it: `T` form (a fixture may write a space, as SCP's document does). */
const when = (text: string) => tForm(text);

/** The cluster as the spec's `Cluster` shows it (every field of the newest version), from a complete fixture. */
export function clusterResource(cluster: CompleteCluster): Resource {
  const publicUrl = cluster.endpoints.public ?? null;
  return {
    id: cluster.id,
    name: cluster.name,
    account_id: cluster.accountId,
    kubernetes_version: cluster.kubernetesVersion,
    status: cluster.status,
    cluster_namespace: cluster.clusterNamespace,
    cloud_logging_enabled: cluster.cloudLoggingEnabled,
    created_at: when(cluster.createdAt),
    created_by: cluster.createdBy,
    modified_at: when(cluster.modifiedAt),
    modified_by: cluster.modifiedBy,
    node_count: cluster.nodeCount,
    max_node_count: cluster.maxNodeCount,
    private_endpoint_url: cluster.endpoints.private,
    public_endpoint_url: publicUrl,
    private_kubeconfig_download_yn: 'Y',
    public_kubeconfig_download_yn: publicUrl === null ? 'N' : 'Y',
    public_endpoint_access_control_ip: cluster.publicEndpointAccessControlIp,
    private_endpoint_access_control_resources: cluster.privateEndpointAccessControlResources,
    managed_security_group: cluster.securityGroup,
    subnet: cluster.subnet,
    volume: cluster.volume,
    vpc: cluster.vpc,
    security_group_list: [cluster.securityGroup],
    service_watch_logging_enabled: cluster.serviceWatchLoggingEnabled,
  };
}

const text = (value: unknown) => String(value ?? '');
const orNull = <T>(value: unknown) => (value === undefined ? null : (value as T));

function resourceOf(value: unknown): ExternalResource {
  const resource = (value ?? {}) as Resource;
  return { id: text(resource.id), name: text(resource.name) };
}

function nodepoolFixtureOf(entry: Entry): NodepoolFixture {
  const nodepool = entry.value;
  return {
    id: text(nodepool.id),
    name: text(nodepool.name),
    nodeCount: Number(nodepool.current_node_count ?? 0),
    status: text(nodepool.status),
    kubernetesVersion: text(nodepool.kubernetes_version),
    labels: (nodepool.labels as NodepoolFixture['labels']) ?? [],
    taints: (nodepool.taints as NodepoolFixture['taints']) ?? [],
  };
}

/** A stored cluster in the fixtures' form, every field filled in (what `emulator.clusters` lists). */
export function completeClusterOf(entry: Entry): CompleteCluster {
  const cluster = entry.value;
  const securityGroup = resourceOf(cluster.managed_security_group);
  return {
    id: entry.id,
    name: text(cluster.name),
    endpoints: { private: text(cluster.private_endpoint_url), public: orNull<string>(cluster.public_endpoint_url) },
    accessKeys: entry.accessKeys,
    status: text(cluster.status),
    kubernetesVersion: text(cluster.kubernetes_version),
    accountId: text(cluster.account_id),
    clusterNamespace: text(cluster.cluster_namespace),
    cloudLoggingEnabled: cluster.cloud_logging_enabled === true,
    serviceWatchLoggingEnabled: cluster.service_watch_logging_enabled === true,
    nodeCount: orNull<number>(cluster.node_count),
    maxNodeCount: orNull<number>(cluster.max_node_count),
    createdAt: text(cluster.created_at),
    modifiedAt: text(cluster.modified_at),
    createdBy: text(cluster.created_by),
    modifiedBy: text(cluster.modified_by),
    subnet: resourceOf(cluster.subnet),
    vpc: resourceOf(cluster.vpc),
    volume: resourceOf(cluster.volume),
    securityGroup,
    publicEndpointAccessControlIp: orNull<string>(cluster.public_endpoint_access_control_ip),
    privateEndpointAccessControlResources: orNull<AccessControlResource[]>(
      cluster.private_endpoint_access_control_resources,
    ),
    nodepools: [...entry.children.values()].map(nodepoolFixtureOf),
  };
}
