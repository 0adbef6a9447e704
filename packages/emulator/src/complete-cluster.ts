/**
 * A fixture cluster with every optional field filled in, once, when the emulator starts: what the
 * operations read. Defaults are fixed values or derived from the cluster's id and name, so a cluster
 * looks the same on every run. Values are not checked here (parseFixtures checks a fixtures file): a
 * value the spec rejects is caught when an answer carrying it is checked against the spec (500).
 */
import { createHash } from 'node:crypto';
import type { AccessControlResource, ClusterFixture, ExternalResource } from './fixtures.js';

export interface CompleteCluster extends ClusterFixture {
  status: string;
  kubernetesVersion: string;
  accountId: string;
  clusterNamespace: string;
  cloudLoggingEnabled: boolean;
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
  nodeCount: 3,
  maxNodeCount: 10,
  createdAt: '2025-03-31 00:23:17+00:00',
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
