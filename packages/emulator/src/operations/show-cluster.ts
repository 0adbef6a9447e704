/**
 * `showCluster` (GET /v1/clusters/{cluster_id}): the full `Cluster` of the spec, built from the
 * fixture (404 for an unknown id, 403 for a cluster the key may not see). A cluster without a public
 * endpoint shows `public_endpoint_url: null` and `public_kubeconfig_download_yn: N`.
 */
import type { CompleteCluster } from '../complete-cluster.js';
import { clusterIdentity } from './list-clusters.js';
import type { HandlerFactory } from './types.js';
import { visibleCluster } from './visible-cluster.js';

/** The spec's `Cluster`, every required field. */
export function clusterView(cluster: CompleteCluster) {
  const publicUrl = cluster.endpoints.public ?? null;
  return {
    ...clusterIdentity(cluster),
    cluster_namespace: cluster.clusterNamespace,
    cloud_logging_enabled: cluster.cloudLoggingEnabled,
    created_by: cluster.createdBy,
    modified_by: cluster.modifiedBy,
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
  };
}

export const showCluster: HandlerFactory = () => (request) => {
  const cluster = visibleCluster(request);
  if ('code' in cluster) return cluster;
  return { status: 200, payload: { cluster: clusterView(cluster) } };
};
