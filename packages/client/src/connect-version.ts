/**
 * What every client of one version does before its first request: refuse a browser unless the caller
 * opted in, pass the lifecycle gate, resolve
 * the base URL, and settle the signing options (credentials chain, retries, clock, the call's deadline, size
 * limit and redirect policy) and the version's
 * `Scp-Api-Version` header. Each entry then opens only the transport it sends with.
 */
import type { SignedFetchOptions } from '@scp-ske/signing';
import { checkBrowser } from './browser-guard.js';
import type { SkeClientOptions } from './client-options.js';
import type { VersionContract } from './contract.js';
import { resolveEndpoint } from './endpoint.js';
import { checkLifecycle } from './lifecycle-check.js';

export interface VersionConnection {
  baseUrl: string;
  signing: SignedFetchOptions;
  /** `{ 'Scp-Api-Version': 'ske 1.x' }`, sent with every request. */
  versionHeader: Record<string, string>;
}

export function connectVersion(contract: VersionContract, options: SkeClientOptions): VersionConnection {
  checkBrowser(options.dangerouslyAllowBrowser);
  const now = options.now ?? Date.now;
  checkLifecycle(contract, new Date(now()), options.allowUnsupportedVersion ?? false);
  const baseUrl = resolveEndpoint(contract.server, options);
  const signing: SignedFetchOptions = {
    credentials: options.credentials,
    retry: options.retry,
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    followRedirects: options.followRedirects,
    now,
    language: options.language,
    fetch: options.fetch,
    onAttempt: options.onAttempt,
  };
  return { baseUrl, signing, versionHeader: { 'Scp-Api-Version': contract.apiVersion } };
}
