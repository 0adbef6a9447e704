/**
 * The 200 body: a real kubeconfig for the chosen endpoint type, with the emulator's CA certificate,
 * a per-user token (derived from the access key and the cluster, so stable across calls), one
 * context and `current-context`. Loads in kubectl and in @kubernetes/client-node. Each body depends
 * only on its inputs, so an emulator writes it once (`kubeconfigCache`), not on every request.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { CA_CERTIFICATE_PEM } from './ca-certificate.js';
import type { ClusterFixture } from './fixtures.js';

const CA_DATA = Buffer.from(CA_CERTIFICATE_PEM).toString('base64');

export function userToken(accessKey: string, clusterId: string): string {
  return `ske-${createHash('sha256').update(`${accessKey}\n${clusterId}`).digest('hex').slice(0, 48)}`;
}

export function buildKubeconfig(cluster: ClusterFixture, server: string, accessKey: string): string {
  const user = `${cluster.name}-user`;
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster.name, cluster: { server, 'certificate-authority-data': CA_DATA } }],
    users: [{ name: user, user: { token: userToken(accessKey, cluster.id) } }],
    contexts: [{ name: cluster.name, context: { cluster: cluster.name, user } }],
    'current-context': cluster.name,
    preferences: {},
  });
}

/**
 * `buildKubeconfig`, remembered by everything the body depends on (cluster id and name, server, access
 * key). Bounded by what can be asked: fixture clusters × their endpoints × accepted access keys.
 */
export function kubeconfigCache(): typeof buildKubeconfig {
  const bodies = new Map<string, string>();
  return (cluster, server, accessKey) => {
    const key = `${cluster.id}\n${cluster.name}\n${server}\n${accessKey}`;
    let body = bodies.get(key);
    if (body === undefined) {
      body = buildKubeconfig(cluster, server, accessKey);
      bodies.set(key, body);
    }
    return body;
  };
}
