/**
 * Kubeconfig bodies: a real kubeconfig for the chosen endpoint, with the emulator's CA certificate,
 * one user, one context and `current-context`. Loads in kubectl and in @kubernetes/client-node.
 * The user kubeconfig carries the caller's identity (`<cluster>-user`, a token derived from the access
 * key and the cluster); the admin kubeconfig carries the cluster's (`<cluster>-admin`, a token derived
 * from the cluster alone, with a fixed salt, the same for every caller). Tokens are stable across calls.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { CA_CERTIFICATE_PEM } from './ca-certificate.js';
import type { ClusterFixture } from './fixtures.js';

const CA_DATA = Buffer.from(CA_CERTIFICATE_PEM).toString('base64');
const ADMIN_SALT = 'scp-ske-emulator/cluster-admin';

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 48);

export function userToken(accessKey: string, clusterId: string): string {
  return `ske-${digest(`${accessKey}\n${clusterId}`)}`;
}

/** The cluster's admin token: from the cluster id and a fixed salt, never from an access key. */
export function adminToken(clusterId: string): string {
  return `ske-admin-${digest(`${ADMIN_SALT}\n${clusterId}`)}`;
}

function writeKubeconfig(
  cluster: Pick<ClusterFixture, 'name'>,
  server: string,
  identity: { user: string; token: string; context: string },
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster.name, cluster: { server, 'certificate-authority-data': CA_DATA } }],
    users: [{ name: identity.user, user: { token: identity.token } }],
    contexts: [{ name: identity.context, context: { cluster: cluster.name, user: identity.user } }],
    'current-context': identity.context,
    preferences: {},
  });
}

/** The user kubeconfig: user `<cluster>-user`, context `<cluster>`. */
export function buildKubeconfig(cluster: Pick<ClusterFixture, 'id' | 'name'>, server: string, accessKey: string) {
  return writeKubeconfig(cluster, server, {
    user: `${cluster.name}-user`,
    token: userToken(accessKey, cluster.id),
    context: cluster.name,
  });
}

/** The admin kubeconfig: user and context `<cluster>-admin`, the cluster's admin token. */
export function buildAdminKubeconfig(cluster: Pick<ClusterFixture, 'id' | 'name'>, server: string) {
  const name = `${cluster.name}-admin`;
  return writeKubeconfig(cluster, server, { user: name, token: adminToken(cluster.id), context: name });
}
