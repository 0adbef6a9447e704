/**
 * `createClusterKubeconfig` (GET /v1/clusters/{cluster_id}/kubeconfig, IAM action
 * `ske:CreateClusterAdminKubeconfig`): the cluster's ADMIN kubeconfig, user `<cluster>-admin` with
 * the cluster's admin token, the same for every caller allowed to ask for it.
 */
import { buildAdminKubeconfig } from '../kubeconfig.js';
import { kubeconfigOperation } from './kubeconfig-operation.js';

export const createClusterKubeconfig = kubeconfigOperation({
  subject: () => '',
  build: (cluster, server, _accessKey, caPem) => buildAdminKubeconfig(cluster, server, caPem),
});
