/**
 * The cluster a request names by `cluster_id`, as the caller may see it: 404 `NotFound` for an
 * unknown id, 403 `Forbidden` for a cluster the key is not allowed on.
 */
import type { CompleteCluster } from '../complete-cluster.js';
import type { ErrorAnswer } from '../envelope.js';
import type { OperationRequest } from './types.js';

export const mayRead = (cluster: CompleteCluster, accessKey: string): boolean => cluster.accessKeys.includes(accessKey);

export function visibleCluster(request: OperationRequest): CompleteCluster | ErrorAnswer {
  const clusterId = request.path.cluster_id as string;
  let cluster: CompleteCluster | undefined;
  for (const candidate of request.clusters) {
    if (candidate.id === clusterId) {
      cluster = candidate;
      break;
    }
  }
  if (!cluster) return { status: 404, code: 'NotFound', detail: [`No cluster has the id ${clusterId}.`] };
  if (!mayRead(cluster, request.caller.accessKey)) {
    return { status: 403, code: 'Forbidden', detail: ['This access key may not read this cluster.'] };
  }
  return cluster;
}
