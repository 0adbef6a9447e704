/**
 * `scp-ske kubeconfig credential`: the kubectl exec credential plugin that `kubeconfig merge` writes
 * into a kubeconfig. It answers an ExecCredential (client.authentication.k8s.io/v1) on stdout with
 * the cluster credential of the kubeconfig SKE issues, from its cache (credential-cache.ts) while it
 * lasts. On a cache hit this module reads one file and imports nothing but node: built-ins; the client,
 * the YAML library and signing load only on a miss (kubeconfig-credential-fetch.ts).
 */
import { parseArgs } from 'node:util';
import {
  accessKeyOf,
  type CredentialKey,
  cachePath,
  credentialTtlMs,
  execCredentialText,
  readCached,
  requestedApiVersion,
} from '../credential-cache.js';
import type { Io } from './kubeconfig.js';

export const CREDENTIAL_OPTIONS = {
  'cluster-id': { type: 'string' },
  type: { type: 'string' },
  admin: { type: 'boolean' },
  'api-version': { type: 'string' },
  region: { type: 'string' },
  environment: { type: 'string' },
  endpoint: { type: 'string' },
  timeout: { type: 'string' },
  'allow-unsupported-version': { type: 'boolean' },
  'allow-server-host': { type: 'string', multiple: true },
  json: { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type CredentialFlags = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof CREDENTIAL_OPTIONS; strict: true; allowPositionals: false }>
>['values'];

/** The cache key of a command line, given the access key id. */
export function credentialKey(flags: CredentialFlags, accessKey: string): CredentialKey {
  return {
    accessKey,
    endpoint: flags.endpoint ?? '',
    region: flags.region ?? '',
    environment: flags.environment ?? '',
    apiVersion: flags['api-version'] ?? '',
    clusterId: flags['cluster-id'] ?? '',
    type: flags.type ?? '',
    admin: flags.admin ?? false,
  };
}

/** The flags, or undefined when they do not parse (the full command then says why). */
function quickFlags(argv: string[]): CredentialFlags | undefined {
  try {
    return parseArgs({ args: argv, options: CREDENTIAL_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch {
    return undefined;
  }
}

export async function credentialCommand(argv: string[], io: Io): Promise<number> {
  const flags = quickFlags(argv);
  const accessKey = flags && !flags.help && !flags.debug ? accessKeyOf(io.env, io.homeDir) : undefined;
  const ttlMs = credentialTtlMs(io.env);
  if (flags && accessKey !== undefined && ttlMs !== undefined && flags['cluster-id'] && flags.type) {
    const key = credentialKey(flags, accessKey);
    const cached = readCached(cachePath(io.env, io.homeDir, key), key, Date.now(), ttlMs);
    if (cached) {
      io.stdout(execCredentialText(cached, requestedApiVersion(io.env)));
      return 0;
    }
  }
  const { fetchCredential } = await import('./kubeconfig-credential-fetch.js');
  return fetchCredential(argv, io);
}
