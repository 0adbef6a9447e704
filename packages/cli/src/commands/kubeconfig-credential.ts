/**
 * `scp-ske kubeconfig credential`: the kubectl exec credential plugin that `kubeconfig merge` writes
 * into a kubeconfig. It answers an ExecCredential (client.authentication.k8s.io/v1) on stdout with
 * the cluster credential of the kubeconfig SKE issues, from its cache (credential-fast.ts) while it
 * lasts. On a cache hit this module reads one file and imports nothing but node: built-ins; the client,
 * the YAML library and signing load only on a miss (kubeconfig-credential-fetch.ts).
 */
import { cachedCredential } from '../credential-fast.js';
import type { Io } from './kubeconfig.js';

export async function credentialCommand(argv: string[], io: Io): Promise<number> {
  const cached = cachedCredential(argv, io.env, io.homeDir);
  if (cached !== undefined) {
    io.stdout(cached);
    return 0;
  }
  const { fetchCredential } = await import('./kubeconfig-credential-fetch.js');
  return fetchCredential(argv, io);
}
