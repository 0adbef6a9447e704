/**
 * The SKE client every generated package (`@scp-ske/client-1.x`) wraps: a typed openapi-fetch
 * client with signing, retries and the version header installed (`raw`), and `getUserKubeconfig`,
 * which validates its arguments, reads the body as text and checks that it is a kubeconfig.
 */
import { type AttemptEvent, type CredentialsInput, createSignedHttp, type RetryOptions } from '@scp-ske/signing';
import createClient, { type Client } from 'openapi-fetch';
import type { VersionContract } from './contract.js';
import { resolveEndpoint } from './endpoint.js';
import { SkeApiError, SkeInputError } from './errors.js';
import { readKubeconfig } from './kubeconfig.js';
import { checkLifecycle } from './lifecycle-check.js';

export interface SkeClientOptions {
  /** Keys, an `ScpCredentials`, or an async provider. Default: SCP_ACCESS_KEY/SCP_SECRET_KEY, then ~/.scpconf/credentials.json. */
  credentials?: CredentialsInput;
  /** e.g. `kr-west1`; with `environment`, picks the regional endpoint. */
  region?: string;
  /** `s`, `g` or `e`. */
  environment?: string;
  /** Explicit base URL (an emulator, a proxy); wins over region and environment. */
  endpoint?: string;
  /** `Accept-Language`: `en-US` (default) or `ko-KR`. */
  language?: string;
  retry?: RetryOptions;
  /**
   * Carries every request when given (to intercept or instrument them). Default: `getUserKubeconfig`
   * goes over Node's own HTTP client (keep-alive), `raw` over `globalThis.fetch`.
   */
  fetch?: (input: Request | string, init?: RequestInit) => Promise<Response>;
  /** Clock in epoch milliseconds, for signing and the lifecycle check. Default `Date.now`. */
  now?: () => number;
  /** Call a version that is no longer served anyway (the gateway will most likely answer 406). */
  allowUnsupportedVersion?: boolean;
  /** Per-attempt hook for logging; redact headers with `redactedHeaders` from @scp-ske/signing. */
  onAttempt?: (event: AttemptEvent) => void;
}

export interface GetUserKubeconfigInput<KubeconfigType extends string = string> {
  /** 32 lower-case hexadecimal digits. */
  clusterId: string;
  /** Which API server endpoint the kubeconfig points at. */
  kubeconfigType: KubeconfigType;
  signal?: AbortSignal;
}

export interface UserKubeconfig {
  /** The kubeconfig document, as the service sent it. */
  kubeconfig: string;
  /** The API server URL of its current context. */
  server: string;
  contexts: string[];
  /** The version that answered, e.g. `ske 1.3`. */
  apiVersion: string;
  requestId?: string;
}

export interface SkeClient<Paths extends {}, KubeconfigType extends string = string> {
  readonly apiVersion: string;
  readonly baseUrl: string;
  getUserKubeconfig(input: GetUserKubeconfigInput<KubeconfigType>): Promise<UserKubeconfig>;
  /** openapi-fetch client typed with this version's paths; signing, version header and retries installed. */
  readonly raw: Client<Paths>;
}

function validateInput(contract: VersionContract, clusterId: RegExp, input: GetUserKubeconfigInput): void {
  const { clusterIdPattern, kubeconfigTypes } = contract.operation;
  if (input === null || typeof input !== 'object') {
    throw new SkeInputError('input', 'an object { clusterId, kubeconfigType }');
  }
  if (typeof input.clusterId !== 'string' || !clusterId.test(input.clusterId)) {
    throw new SkeInputError('clusterId', `a cluster id matching ${clusterIdPattern} (32 lower-case hex digits)`);
  }
  if (!kubeconfigTypes.includes(input.kubeconfigType)) {
    throw new SkeInputError('kubeconfigType', `one of ${kubeconfigTypes.map((type) => `"${type}"`).join(', ')}`);
  }
}

export function createVersionedClient<Paths extends {}, KubeconfigType extends string = string>(
  contract: VersionContract,
  options: SkeClientOptions = {},
): SkeClient<Paths, KubeconfigType> {
  const now = options.now ?? Date.now;
  checkLifecycle(contract, new Date(now()), options.allowUnsupportedVersion ?? false);
  const baseUrl = resolveEndpoint(contract.server, options);
  const clusterIdPattern = new RegExp(contract.operation.clusterIdPattern);
  const [beforeId, afterId] = contract.operation.path.split('{cluster_id}') as [string, string];
  const urlStart = `${baseUrl}${beforeId}`;
  const urlEnd = `${afterId}?kubeconfig_type=`;
  const signed = createSignedHttp({
    credentials: options.credentials,
    retry: options.retry,
    now,
    language: options.language,
    fetch: options.fetch,
    onAttempt: options.onAttempt,
  });
  const versionHeader = { 'Scp-Api-Version': contract.apiVersion };
  const raw = createClient<Paths>({ baseUrl, fetch: signed.fetch, headers: versionHeader });

  return {
    apiVersion: contract.apiVersion,
    baseUrl,
    raw,
    async getUserKubeconfig(input) {
      validateInput(contract, clusterIdPattern, input);
      // The one hot call is a signed GET: no openapi-fetch Request copy, and no fetch unless one was given.
      const url = `${urlStart}${encodeURIComponent(input.clusterId)}${urlEnd}${encodeURIComponent(input.kubeconfigType)}`;
      const response = await signed.get(url, { headers: versionHeader, signal: input.signal });
      const body = await response.text();
      if (!response.ok) throw SkeApiError.fromResponse(response, body, contract.apiVersion);
      const { server, contexts } = readKubeconfig(body);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      return { kubeconfig: body, server, contexts, apiVersion: contract.apiVersion, ...(requestId && { requestId }) };
    },
  };
}
