/**
 * `showClusterUserKubeconfig` (GET /v1/clusters/{cluster_id}/user-kubeconfig): the caller's own
 * kubeconfig for the cluster, user `<cluster>-user` with a token derived from the access key.
 */
import { buildKubeconfig } from '../kubeconfig.js';
import { kubeconfigOperation } from './kubeconfig-operation.js';

export const showClusterUserKubeconfig = kubeconfigOperation({
  subject: (accessKey) => accessKey,
  build: (cluster, server, accessKey, caPem) => buildKubeconfig(cluster, server, accessKey, caPem),
});
