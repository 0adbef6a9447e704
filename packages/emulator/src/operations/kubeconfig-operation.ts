/**
 * What both kubeconfig operations share: the cluster the caller may see (404, 403), the endpoint
 * `kubeconfig_type` picks (400 when the cluster has none of that type), and a body written once per
 * cluster, endpoint and identity, answered as the same object each time (so it is checked once).
 */
import type { SuccessAnswer } from '../responses.js';
import type { Entry } from '../state/store.js';
import type { HandlerFactory } from './types.js';
import { visibleEntry } from './visible.js';

/** What a kubeconfig is written from: the cluster's id and name. */
export interface KubeconfigCluster {
  id: string;
  name: string;
}

export interface KubeconfigIdentity {
  /** What the body depends on besides the cluster and the server ('' when it is the same for every caller). */
  subject(accessKey: string): string;
  build(cluster: KubeconfigCluster, server: string, accessKey: string, caPem?: string): string;
}

/** A body written for a cluster: what it was written from, and the answer. */
interface Written {
  id: string;
  name: string;
  server: string;
  subject: string;
  answer: SuccessAnswer;
}

export function kubeconfigOperation(identity: KubeconfigIdentity): HandlerFactory {
  return (context) => {
    // By stored cluster (gone with it), then a short list (its endpoints × accepted access keys) compared
    // field by field: no key string is built per request. A cluster renamed since is written anew.
    const written = new WeakMap<Entry, Written[]>();
    return (request) => {
      const entry = visibleEntry(context.store, 'cluster', request.path.cluster_id, request.caller.accessKey);
      if ('code' in entry) return entry;
      const cluster = { id: entry.id, name: String(entry.value.name) };
      const type = request.query.kubeconfig_type as 'private' | 'public';
      const endpoint =
        type === 'private'
          ? entry.value.private_endpoint_url
          : type === 'public'
            ? entry.value.public_endpoint_url
            : undefined;
      if (typeof endpoint !== 'string' || endpoint === '') {
        return {
          status: 400,
          code: 'ValidationError',
          detail: [`Cluster ${cluster.name} has no ${type} endpoint.`],
        };
      }
      // With the Kubernetes API served, every kubeconfig points at it (and trusts its CA).
      const kubeApi = context.kubeApi;
      const server = kubeApi ? kubeApi.url : endpoint;
      const subject = identity.subject(request.caller.accessKey);
      let answers = written.get(entry);
      if (answers === undefined) {
        answers = [];
        written.set(entry, answers);
      }
      for (const known of answers) {
        const same = known.id === cluster.id && known.name === cluster.name;
        if (same && known.server === server && known.subject === subject) return known.answer;
      }
      const answer: SuccessAnswer = {
        payload: identity.build(cluster, server, request.caller.accessKey, kubeApi?.caPem),
        contentType: 'application/yaml',
        cached: true,
      };
      answers.push({ id: cluster.id, name: cluster.name, server, subject, answer });
      return answer;
    };
  };
}
