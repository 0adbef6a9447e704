/**
 * Before a `public` kubeconfig request: one `showCluster` call, to stop with a clear message when the
 * cluster says its public kubeconfig cannot be downloaded (`public_kubeconfig_download_yn: N`, a
 * cluster without a public endpoint), instead of the service's bare 400. A `private` request is not
 * checked first, so the common path stays one request.
 */
import { SkeApiError, SkeError } from '@scp-ske/client';
import { type Cluster, clusterShown, shown } from './cluster-answers.js';
import type { Client } from './connection.js';

/** The cluster does not allow downloading this type of kubeconfig; nothing was asked for it. */
export class KubeconfigUnavailableError extends SkeError {
  override readonly name = 'KubeconfigUnavailableError';
  constructor(
    readonly clusterId: string,
    readonly clusterName: string,
    readonly kubeconfigType: 'public' | 'private',
    reason: string,
  ) {
    super(
      'ERR_SKE_KUBECONFIG_UNAVAILABLE',
      `cluster "${shown(clusterName)}" (${shown(clusterId)}) does not allow downloading a ${kubeconfigType} kubeconfig (${reason})` +
        `${kubeconfigType === 'public' ? '; use --type private from inside its network' : ''}`,
    );
  }
}

/**
 * Stops when the cluster says its public kubeconfig cannot be downloaded. A key that may not show
 * the cluster (403: no `ske:ShowCluster`) is not stopped here: the kubeconfig request itself decides.
 */
export async function checkPublicKubeconfig(client: Client, clusterId: string): Promise<void> {
  let cluster: Cluster;
  try {
    ({ cluster } = clusterShown((await client.showCluster({ clusterId })).data));
  } catch (error) {
    if (error instanceof SkeApiError && error.status === 403) return;
    throw error;
  }
  if (cluster.public_kubeconfig_download_yn === 'N') {
    const endpoint = cluster.public_endpoint_url ? '' : '; it has no public endpoint';
    throw new KubeconfigUnavailableError(
      cluster.id,
      cluster.name,
      'public',
      `public_kubeconfig_download_yn is "N"${endpoint}`,
    );
  }
}
