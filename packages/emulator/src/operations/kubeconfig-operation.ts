/**
 * What both kubeconfig operations share: the cluster the caller may see (404, 403), the endpoint
 * `kubeconfig_type` picks (400 when the cluster has none of that type), and a body written once per
 * cluster, endpoint and identity, answered as the same object each time (so it is checked once).
 */
import type { CompleteCluster } from '../complete-cluster.js';
import type { SuccessAnswer } from '../responses.js';
import type { OperationHandler } from './types.js';
import { visibleCluster } from './visible-cluster.js';

export interface KubeconfigIdentity {
  /** What the body depends on besides the cluster and the server ('' when it is the same for every caller). */
  subject(accessKey: string): string;
  build(cluster: CompleteCluster, server: string, accessKey: string): string;
}

export function kubeconfigOperation(identity: KubeconfigIdentity): OperationHandler {
  // Bounded by what can be asked: fixture clusters × their endpoints × accepted access keys.
  const answers = new Map<string, SuccessAnswer>();
  return (request) => {
    const cluster = visibleCluster(request);
    if ('code' in cluster) return cluster;
    const type = request.query.kubeconfig_type as 'private' | 'public';
    const server =
      type === 'private' ? cluster.endpoints.private : type === 'public' ? cluster.endpoints.public : undefined;
    if (!server) {
      return {
        status: 400,
        code: 'ValidationError',
        detail: [`Cluster ${cluster.name} has no ${type} endpoint.`],
      };
    }
    const subject = identity.subject(request.caller.accessKey);
    const key = `${cluster.id}\n${cluster.name}\n${server}\n${subject}`;
    let answer = answers.get(key);
    if (answer === undefined) {
      answer = {
        status: 200,
        payload: identity.build(cluster, server, request.caller.accessKey),
        contentType: 'application/yaml',
        cached: true,
      };
      answers.set(key, answer);
    }
    return answer;
  };
}
