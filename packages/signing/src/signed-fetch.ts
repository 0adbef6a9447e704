/**
 * A `fetch` that signs, retries and corrects clock skew, to use alone or to hand to openapi-fetch's
 * `createClient({ fetch })`. Signing runs inside the retry loop, so every attempt carries a fresh
 * timestamp and signature.
 */
import { ClockSkew } from './clock-skew.js';
import { type CredentialsInput, createCredentialChain } from './credentials.js';
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  type RetryOptions,
  resolveRetryOptions,
  retryAfterDelay,
  sleep,
} from './retry.js';
import { signRequest } from './sign-request.js';

/** What happened on one attempt, for logging (the request's headers include the signature: redact them). */
export interface AttemptEvent {
  attempt: number;
  request: Request;
  response?: Response;
  error?: unknown;
  /** Set when another attempt follows: why, and after how long. */
  retry?: { reason: 'status' | 'network' | 'clock-skew'; delayMs: number };
}

export interface SignedFetchOptions {
  /** Keys, a resolved `ScpCredentials`, or a custom provider; default: the environment, then ~/.scpconf. */
  credentials?: CredentialsInput;
  retry?: RetryOptions;
  /** Local clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Share one between adapters so that they learn the skew once. */
  clockSkew?: ClockSkew;
  /** `Accept-Language` when the request has none; `null` for none. Default `en-US`. */
  language?: string | null;
  /** The underlying fetch. Default `globalThis.fetch`. */
  fetch?: (request: Request) => Promise<Response>;
  onAttempt?: (event: AttemptEvent) => void;
}

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export function createSignedFetch(options: SignedFetchOptions = {}): FetchLike {
  const credentials = createCredentialChain({ credentials: options.credentials });
  const retry = resolveRetryOptions(options.retry);
  const now = options.now ?? Date.now;
  const skew = options.clockSkew ?? new ClockSkew();
  const language = options.language;
  const fetchImpl = options.fetch ?? ((request: Request) => globalThis.fetch(request));

  return async function signedFetch(input, init) {
    const original = new Request(input, init);
    const callerSignal = original.signal;
    const idempotent = IDEMPOTENT_METHODS.has(original.method);
    let retries = 0;
    let skewRetried = false;
    for (let attempt = 1; ; attempt++) {
      callerSignal.throwIfAborted();
      const keys = await credentials();
      const signal = AbortSignal.any([callerSignal, AbortSignal.timeout(retry.attemptTimeoutMs)]);
      const request = signRequest(new Request(original.clone(), { signal }), {
        credentials: keys,
        now,
        clockOffsetMs: skew.offsetMs,
        language,
      });
      let response: Response;
      try {
        response = await fetchImpl(request);
      } catch (error) {
        if (callerSignal.aborted) throw callerSignal.reason;
        const willRetry = idempotent && retries < retry.maxRetries;
        const delayMs = willRetry ? backoffDelay(retries, retry) : 0;
        options.onAttempt?.({ attempt, request, error, ...(willRetry && { retry: { reason: 'network', delayMs } }) });
        if (!willRetry) throw error;
        retries++;
        await sleep(delayMs, callerSignal);
        continue;
      }
      const skewed = skew.observe(response.headers.get('date'), now());
      if (response.status === 401 && skewed && !skewRetried) {
        skewRetried = true;
        options.onAttempt?.({ attempt, request, response, retry: { reason: 'clock-skew', delayMs: 0 } });
        await discard(response);
        continue;
      }
      if (idempotent && retry.retryOn.has(response.status) && retries < retry.maxRetries) {
        const delayMs =
          retryAfterDelay(response.headers.get('retry-after'), now(), retry.retryAfterCapMs) ??
          backoffDelay(retries, retry);
        options.onAttempt?.({ attempt, request, response, retry: { reason: 'status', delayMs } });
        await discard(response);
        retries++;
        await sleep(delayMs, callerSignal);
        continue;
      }
      options.onAttempt?.({ attempt, request, response });
      return response;
    }
  };
}
