/**
 * What every client of one version does before its first request: refuse a browser unless the caller
 * opted in, pass the lifecycle gate, resolve
 * the base URL, and settle the signing options (credentials chain, retries, clock, the call's deadline, size
 * limit and redirect policy), the version's `Scp-Api-Version` header with the client's own headers, and
 * whether calls are logged or traced (the code that does it is loaded on the first call, only then). Each
 * entry then opens only the transport it sends with.
 */
import type { SignedFetchOptions } from '@scp-ske/signing';
import { checkBrowser } from './browser-guard.js';
import type { SkeClientOptions } from './client-options.js';
import type { VersionContract } from './contract.js';
import { resolveEndpoint } from './endpoint.js';
import { checkLifecycle } from './lifecycle-check.js';
import type { Telemetry } from './telemetry.js';

export interface VersionConnection {
  baseUrl: string;
  signing: SignedFetchOptions;
  /** `{ 'Scp-Api-Version': 'ske 1.x' }` over the client's `headers`, sent with every request. */
  versionHeader: Record<string, string>;
  /** The client's `signal`. */
  signal?: AbortSignal | undefined;
  /** Logging and tracing, when asked for: loaded on the first call. */
  telemetry?: (() => Promise<Telemetry>) | undefined;
}

/** `SCP_SKE_LOG`, `SCP_SKE_TRACING`, … where there is a `process` (not in a browser or a worker without it). */
const environment = (name: string): string | undefined =>
  (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.[name];

/**
 * The loader of the logging and tracing code (`telemetry.ts`, which reads and checks the options), or
 * undefined when neither is asked for.
 */
function telemetryOf(options: SkeClientOptions, apiVersion: string): VersionConnection['telemetry'] {
  const asked = [
    options.logLevel ?? environment('SCP_SKE_LOG') ?? options.logger,
    options.tracing ?? environment('SCP_SKE_TRACING'),
  ];
  if (!asked.some((wish) => wish && wish !== 'off')) return undefined;
  let loading: Promise<Telemetry> | undefined;
  return () => (loading ??= import('./telemetry.js').then((module) => module.createTelemetry(options, apiVersion)));
}

export function connectVersion(contract: VersionContract, options: SkeClientOptions): VersionConnection {
  checkBrowser(options.dangerouslyAllowBrowser);
  const now = options.now ?? Date.now;
  checkLifecycle(contract, new Date(now()), options.allowUnsupportedVersion ?? false);
  const baseUrl = resolveEndpoint(contract.server, options);
  const { maxRetries, retry } = options;
  const signing: SignedFetchOptions = {
    credentials: options.credentials,
    retry: maxRetries === undefined ? retry : { ...retry, maxRetries },
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    followRedirects: options.followRedirects,
    now,
    language: options.language,
    fetch: options.fetch,
    onAttempt: options.onAttempt,
  };
  return {
    baseUrl,
    signing,
    versionHeader: { ...options.headers, 'Scp-Api-Version': contract.apiVersion },
    signal: options.signal,
    telemetry: telemetryOf(options, contract.apiVersion),
  };
}
