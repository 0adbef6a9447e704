/**
 * The cache hit of `scp-ske kubeconfig credential`, on its own: the flags as kubectl passes them, the
 * access key id, one cache file read, the ExecCredential text. bin/scp-ske.cjs runs it (as the
 * bundle dist/scp-ske-credential.cjs) before loading the command itself, so that a kubectl call
 * answered from the cache costs little more than starting Node; undefined sends it to the command.
 */
import { parseArgs } from 'node:util';
import { CONNECTION_OPTIONS } from './connection-options.js';
import {
  accessKeyOf,
  type CredentialKey,
  cachePath,
  credentialTtlMs,
  execCredentialText,
  readCached,
  requestedApiVersion,
} from './credential-cache.js';

export const CREDENTIAL_OPTIONS = {
  'cluster-id': { type: 'string' },
  type: { type: 'string' },
  admin: { type: 'boolean' },
  'allow-server-host': { type: 'string', multiple: true },
  ...CONNECTION_OPTIONS,
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

/**
 * The ExecCredential for `argv` (the flags after `kubeconfig credential`) from the cache; undefined
 * when the flags do not parse, ask for help or debugging, or the cache has nothing still served.
 */
export function cachedCredential(
  argv: string[],
  env: Record<string, string | undefined>,
  homeDir: string,
  nowMs = Date.now(),
): string | undefined {
  let flags: CredentialFlags;
  try {
    flags = parseArgs({ args: argv, options: CREDENTIAL_OPTIONS, strict: true, allowPositionals: false }).values;
  } catch {
    return undefined;
  }
  if (flags.help || flags.debug || !flags['cluster-id'] || !flags.type) return undefined;
  const ttlMs = credentialTtlMs(env);
  const accessKey = accessKeyOf(env, homeDir);
  if (ttlMs === undefined || accessKey === undefined) return undefined;
  const key = credentialKey(flags, accessKey);
  const cached = readCached(cachePath(env, homeDir, key), key, nowMs, ttlMs);
  return cached && execCredentialText(cached, requestedApiVersion(env));
}
