/**
 * The cache miss of `scp-ske kubeconfig credential`: the kubeconfig is fetched as `kubeconfig get`
 * fetches it (and checked the same way), its user's credential (a token, or a client certificate and
 * key) is cached and printed as an ExecCredential. It is served until its own expiry (a JWT's `exp`,
 * a certificate's end of validity) or the cache lifetime, whichever comes first: 10 minutes, or
 * SCP_SKE_CREDENTIAL_TTL seconds. Failures are said for a kubectl user, who sees them on stderr:
 * what to set, which IAM action is missing, which cluster is unknown.
 */
import { X509Certificate } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SkeApiError } from '@scp-ske/client';
import { CredentialsNotFoundError } from '@scp-ske/signing';
import { writeFileAtomic } from '../atomic-file.js';
import {
  accessKeyOf,
  type CachedCredential,
  type CredentialStatus,
  cacheDir,
  cachePath,
  credentialTtlMs,
  execCredentialText,
  requestedApiVersion,
} from '../credential-cache.js';
import { CREDENTIAL_OPTIONS, credentialKey } from '../credential-fast.js';
import { withHint } from '../error-hints.js';
import { readIncoming } from '../incoming-kubeconfig.js';
import { KubeconfigFileError } from '../kubeconfig-errors.js';
import { parseFlags, UsageError } from '../usage.js';
import { fetchKubeconfig, type Io } from './kubeconfig.js';

function lifetimeMs(env: Record<string, string | undefined>): number {
  const ttlMs = credentialTtlMs(env);
  if (ttlMs === undefined) {
    throw new UsageError(
      `SCP_SKE_CREDENTIAL_TTL: expected a whole number of seconds, received "${env.SCP_SKE_CREDENTIAL_TTL}"`,
    );
  }
  return ttlMs;
}

const decoded = (value: unknown) =>
  typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined;

/** The credential of the kubeconfig's user, and its own expiry (epoch ms) when it carries one. */
export function credentialOf(kubeconfig: string): { status: CredentialStatus; expiresAt?: number } {
  const user = readIncoming(kubeconfig).user.body;
  if (typeof user.token === 'string' && user.token !== '') {
    return { status: { token: user.token }, ...tokenExpiry(user.token) };
  }
  const certificate = decoded(user['client-certificate-data']);
  const key = decoded(user['client-key-data']);
  if (certificate && key) {
    let expiresAt: number | undefined;
    try {
      expiresAt = Date.parse(new X509Certificate(certificate).validTo);
    } catch {
      expiresAt = undefined;
    }
    return {
      status: { clientCertificateData: certificate, clientKeyData: key },
      ...(expiresAt !== undefined && !Number.isNaN(expiresAt) && { expiresAt }),
    };
  }
  throw new KubeconfigFileError(
    'the kubeconfig SKE returned has no token and no client certificate for its user: nothing to hand to kubectl',
  );
}

/** A JWT's `exp` (epoch ms), if the token is one. */
function tokenExpiry(token: string): { expiresAt?: number } {
  const parts = token.split('.');
  if (parts.length !== 3) return {};
  try {
    const exp = (JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? { expiresAt: exp * 1000 } : {};
  } catch {
    return {};
  }
}

/** Says what a kubectl user can do about a failure. */
function forKubectl(error: unknown, clusterId: string, admin: boolean): unknown {
  if (error instanceof CredentialsNotFoundError) {
    return withHint(
      error,
      'kubectl runs scp-ske with its own environment: export SCP_ACCESS_KEY and SCP_SECRET_KEY where kubectl runs, ' +
        'or write them to ~/.scpconf/credentials.json',
    );
  }
  if (!(error instanceof SkeApiError)) return error;
  if (error.status === 401 && error.code !== 'SignatureMismatch') {
    return withHint(
      error,
      'SCP refused the access key: check that it is still active in IAM and that SCP_SECRET_KEY belongs to it',
    );
  }
  if (error.status === 403) {
    const action = admin ? 'ske:CreateClusterAdminKubeconfig' : 'ske:ShowClusterUserKubeconfig';
    return withHint(error, `your access key needs the IAM action ${action} on cluster ${clusterId}`);
  }
  if (error.status === 404) {
    return withHint(
      error,
      `no cluster ${clusterId} is visible to your access key: it may have been deleted; ` +
        'see `scp-ske clusters list`, then run `scp-ske kubeconfig merge` again',
    );
  }
  return error;
}

export async function fetchCredential(argv: string[], io: Io): Promise<number> {
  const flags = parseFlags(argv, CREDENTIAL_OPTIONS);
  if (flags.help) {
    io.stdout((await import('../help.js')).helpText('credential'));
    return 0;
  }
  const clusterId = flags['cluster-id'];
  if (!clusterId) throw new UsageError('--cluster-id: required (32 lower-case hex digits)');
  if (!flags.type) throw new UsageError('--type: required (private or public)');
  const ttlMs = lifetimeMs(io.env);
  const admin = flags.admin ?? false;
  let kubeconfig: string;
  try {
    ({ kubeconfig } = await fetchKubeconfig({ ...flags, cluster: undefined }, io));
  } catch (error) {
    throw forKubectl(error, clusterId, admin);
  }
  const credential = credentialOf(kubeconfig);
  const now = Date.now();
  const cached: CachedCredential = {
    key: credentialKey(flags, accessKeyOf(io.env, io.homeDir) ?? ''),
    status: credential.status,
    fetchedAt: now,
    expiresAt: Math.min(credential.expiresAt ?? Number.POSITIVE_INFINITY, now + Math.max(ttlMs, 1000)),
  };
  if (cached.key.accessKey !== '' && ttlMs > 0) {
    const path = cachePath(io.env, io.homeDir, cached.key);
    try {
      await writeFileAtomic(path, JSON.stringify(cached), 0o600);
      await chmod(dirname(path), 0o700);
      await chmod(cacheDir(io.env, io.homeDir), 0o700);
    } catch (error) {
      // The credential is good without the cache: the next call fetches it again.
      if (flags.debug) io.stderr(`[debug] the credential cache was not written (${(error as Error).name})\n`);
    }
  }
  io.stdout(execCredentialText(cached, requestedApiVersion(io.env)));
  return 0;
}
