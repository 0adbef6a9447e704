/**
 * The 200 body: a real kubeconfig for the chosen endpoint type, with the emulator's CA certificate,
 * a per-user token (derived from the access key and the cluster, so stable across calls), one
 * context and `current-context`. Loads in kubectl and in @kubernetes/client-node.
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
