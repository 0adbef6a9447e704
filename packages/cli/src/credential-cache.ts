/**
 * The cache of `scp-ske kubeconfig credential`: one file per access key id, endpoint (or region and
 * environment), API version, cluster, kubeconfig type and identity (user or admin), in the user's
 * cache folder (`$XDG_CACHE_HOME/scp-ske`, else `~/.cache/scp-ske`; `~/Library/Caches/scp-ske` on
 * macOS, `%LOCALAPPDATA%\scp-ske` on Windows), the folder 0700 and each file 0600, written atomically.
 * A file holds the cluster credential (the token, or the client certificate and key) and when it
 * stops being served; never the SCP secret key. Only node:fs and node:path are imported (not even
 * node:crypto, a sixth of a bare Node start), so that a kubectl call answered from here loads nothing else.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { EXEC_API_VERSION } from './exec-user.js';

/** What a cached credential is for: every flag that changes the answer, and the access key id. */
export interface CredentialKey {
  accessKey: string;
  endpoint: string;
  region: string;
  environment: string;
  apiVersion: string;
  clusterId: string;
  type: string;
  admin: boolean;
}

/** The `status` of an ExecCredential, without its expiry. */
export interface CredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
}

export interface CachedCredential {
  key: CredentialKey;
  status: CredentialStatus;
  /** Epoch ms when it was fetched. */
  fetchedAt: number;
  /** Epoch ms past which the cache no longer serves it (and kubectl asks again). */
  expiresAt: number;
}

/** The cache lifetime without SCP_SKE_CREDENTIAL_TTL: 10 minutes. */
export const DEFAULT_CREDENTIAL_TTL_S = 600;

/** The cache lifetime in ms: SCP_SKE_CREDENTIAL_TTL (whole seconds; 0 turns the cache off), else 10 minutes; undefined when unreadable. */
export function credentialTtlMs(env: Env): number | undefined {
  const value = env.SCP_SKE_CREDENTIAL_TTL;
  if (value === undefined || value === '') return DEFAULT_CREDENTIAL_TTL_S * 1000;
  return /^\d+$/.test(value) ? Number(value) * 1000 : undefined;
}

/**
 * How long before its end a cached credential is no longer handed out, so that kubectl never gets a stale
 * one (at most half its time in the cache).
 */
export const EXPIRY_MARGIN_MS = 5_000;

type Env = Record<string, string | undefined>;

/**
 * The cache folder of scp-ske on this platform. A relative `XDG_CACHE_HOME` is ignored, as the XDG Base
 * Directory specification says: kubectl runs the plugin in whatever folder the user is in.
 */
export function cacheDir(env: Env, homeDir: string, platform: string = process.platform): string {
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'scp-ske');
  if (platform === 'darwin') return join(homeDir, 'Library', 'Caches', 'scp-ske');
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(homeDir, 'AppData', 'Local'), 'scp-ske');
  return join(homeDir, '.cache', 'scp-ske');
}

/**
 * A 64-bit FNV-1a of `text` in hex: only a file name. Two keys of one name share a file (each
 * replaces the other), never a credential: `readCached` serves a file only to the key written in it.
 */
export function nameOf(text: string): string {
  let low = 0x811c9dc5;
  let high = 0xcbf29ce4;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    low = Math.imul(low ^ code, 0x01000193) >>> 0;
    high = Math.imul(high ^ code ^ (low >>> 16), 0x01000193) >>> 0;
  }
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

/** The cache file of `key`: named by a digest of the key (no id or host appears in a file name). */
export function cachePath(env: Env, homeDir: string, key: CredentialKey): string {
  return join(cacheDir(env, homeDir), 'credentials', `${nameOf(JSON.stringify(keyFields(key)))}.json`);
}

const keyFields = (key: CredentialKey) => [
  key.accessKey,
  key.endpoint,
  key.region,
  key.environment,
  key.apiVersion,
  key.clusterId,
  key.type,
  key.admin,
];

/**
 * The access key id the signing package's credential chain would use: SCP_ACCESS_KEY when both
 * variables are set, else `access-key` of SCP's credentials file; undefined when neither gives one
 * (the full command then says what is missing).
 */
export function accessKeyOf(env: Env, homeDir: string): string | undefined {
  if (env.SCP_ACCESS_KEY || env.SCP_SECRET_KEY) {
    return env.SCP_ACCESS_KEY && env.SCP_SECRET_KEY ? env.SCP_ACCESS_KEY : undefined;
  }
  try {
    const path = join(env.SCP_CONFIG_DIR || join(homeDir, '.scpconf'), 'credentials.json');
    const data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return typeof data['access-key'] === 'string' && typeof data['secret-key'] === 'string' && data['access-key']
      ? data['access-key']
      : undefined;
  } catch {
    return undefined;
  }
}

const sameKey = (a: CredentialKey, b: CredentialKey) => JSON.stringify(keyFields(a)) === JSON.stringify(keyFields(b));

/**
 * The cached credential of `key` while it is still served at `nowMs`: before its expiry and within
 * `ttlMs` of its fetch (a lifetime lowered since takes effect at once); undefined otherwise (or unreadable).
 */
export function readCached(
  path: string,
  key: CredentialKey,
  nowMs: number,
  ttlMs: number,
): CachedCredential | undefined {
  let cached: CachedCredential;
  try {
    cached = JSON.parse(readFileSync(path, 'utf8')) as CachedCredential;
  } catch {
    return undefined;
  }
  if (cached === null || typeof cached !== 'object' || typeof cached.expiresAt !== 'number') return undefined;
  if (typeof cached.key !== 'object' || cached.key === null || !sameKey(cached.key, key)) return undefined;
  const status = cached.status;
  if (status === null || typeof status !== 'object') return undefined;
  const usable =
    typeof status.token === 'string' ||
    (typeof status.clientCertificateData === 'string' && typeof status.clientKeyData === 'string');
  if (!usable || typeof cached.fetchedAt !== 'number') return undefined;
  // The margin is at most half the credential's time in the cache: a short SCP_SKE_CREDENTIAL_TTL still caches.
  const margin = Math.min(EXPIRY_MARGIN_MS, (cached.expiresAt - cached.fetchedAt) / 2);
  if (Math.min(cached.expiresAt, cached.fetchedAt + ttlMs) - margin <= nowMs) return undefined;
  return cached;
}

/** The apiVersion kubectl asked for in KUBERNETES_EXEC_INFO (v1beta1 or v1); v1 by default. */
export function requestedApiVersion(env: Env): string {
  const info = env.KUBERNETES_EXEC_INFO;
  if (info?.includes('client.authentication.k8s.io/v1beta1')) {
    try {
      if ((JSON.parse(info) as { apiVersion?: unknown }).apiVersion === 'client.authentication.k8s.io/v1beta1') {
        return 'client.authentication.k8s.io/v1beta1';
      }
    } catch {
      // Not JSON: answer in v1.
    }
  }
  return EXEC_API_VERSION;
}

/** The ExecCredential kubectl reads on stdout. */
export function execCredentialText(cached: Pick<CachedCredential, 'status' | 'expiresAt'>, apiVersion: string): string {
  const status = {
    ...cached.status,
    expirationTimestamp: new Date(cached.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  return `${JSON.stringify({ kind: 'ExecCredential', apiVersion, spec: { interactive: false }, status })}\n`;
}
