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

/** A body written for a cluster: what it was written from, and the answer. */
interface Written {
  id: string;
  name: string;
  server: string;
  subject: string;
  answer: SuccessAnswer;
}

export function kubeconfigOperation(identity: KubeconfigIdentity): OperationHandler {
  // By cluster, then a short list (its endpoints × accepted access keys) compared field by field:
  // no key string is built per request. A cluster renamed (or given another id) since is written anew.
  const written = new Map<CompleteCluster, Written[]>();
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
    let answers = written.get(cluster);
    if (answers === undefined) {
      answers = [];
      written.set(cluster, answers);
    }
    for (const entry of answers) {
      const same = entry.id === cluster.id && entry.name === cluster.name;
      if (same && entry.server === server && entry.subject === subject) return entry.answer;
    }
    const answer: SuccessAnswer = {
      status: 200,
      payload: identity.build(cluster, server, request.caller.accessKey),
      contentType: 'application/yaml',
      cached: true,
    };
    answers.push({ id: cluster.id, name: cluster.name, server, subject, answer });
    return answer;
  };
}
