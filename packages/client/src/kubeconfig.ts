/**
 * Reads a kubeconfig as a caller wants it at once: the API server URL and the context names, after
 * checking that the body is a kubeconfig (apiVersion v1, kind Config, clusters, users, contexts).
 * The check and the YAML reader (`kubeconfig-read.ts`, `kubeconfig-yaml.ts`) load on the first read,
 * so that a client that never reads a kubeconfig never loads them.
 */
import { SkeError } from '@scp-ske/signing';

/** The body is not a kubeconfig; `reason` says what is missing. The body itself is never quoted. */
export class KubeconfigFormatError extends SkeError {
  override readonly name = 'KubeconfigFormatError';
  constructor(readonly reason: string) {
    super('ERR_SKE_KUBECONFIG_FORMAT', `The response is not a kubeconfig: ${reason}`);
  }
}

export interface KubeconfigSummary {
  /** The API server of the current context's cluster (else of the first cluster). */
  server: string;
  contexts: string[];
  currentContext: string | undefined;
}

/** Checks a kubeconfig text and reads its server and contexts; a `KubeconfigFormatError` says what is wrong. */
export async function readKubeconfig(text: string): Promise<KubeconfigSummary> {
  const { checkKubeconfig } = await import('./kubeconfig-read.js');
  return checkKubeconfig(text);
}
