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

const base64 = (text: string) => Buffer.from(text).toString('base64');
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
  caData: string,
): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster.name, cluster: { server, 'certificate-authority-data': caData } }],
    users: [{ name: identity.user, user: { token: identity.token } }],
    contexts: [{ name: identity.context, context: { cluster: cluster.name, user: identity.user } }],
    'current-context': identity.context,
    preferences: {},
  });
}

/**
 * The user kubeconfig: user `<cluster>-user`, context `<cluster>`. `caPem`: the CA its server's
 * certificate is signed by (default: the fixed CA of ca-certificate.ts; the Kubernetes API's own when served).
 */
export function buildKubeconfig(
  cluster: Pick<ClusterFixture, 'id' | 'name'>,
  server: string,
  accessKey: string,
  caPem = CA_CERTIFICATE_PEM,
) {
  const identity = { user: `${cluster.name}-user`, token: userToken(accessKey, cluster.id), context: cluster.name };
  return writeKubeconfig(cluster, server, identity, base64(caPem));
}

/** The admin kubeconfig: user and context `<cluster>-admin`, the cluster's admin token. */
export function buildAdminKubeconfig(
  cluster: Pick<ClusterFixture, 'id' | 'name'>,
  server: string,
  caPem = CA_CERTIFICATE_PEM,
) {
  const name = `${cluster.name}-admin`;
  return writeKubeconfig(cluster, server, { user: name, token: adminToken(cluster.id), context: name }, base64(caPem));
}
