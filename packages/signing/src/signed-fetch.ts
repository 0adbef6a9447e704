/**
 * A `fetch` that signs, retries and corrects clock skew, to use alone or to hand to openapi-fetch's
 * `createClient({ fetch })`. Signing runs inside the retry loop, so every attempt carries a fresh
 * timestamp and signature. Requests are not copied per attempt (a `Request` is slow to build in
 * Node): a `Request` input has its headers signed in place, a URL input is sent as `fetch(url, init)`.
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
import { signHeaders } from './sign-request.js';

/** What happened on one attempt, for logging. `headers` include the signature: log them with `redactedHeaders`. */
export interface AttemptEvent {
  attempt: number;
  method: string;
  url: string;
  headers: Headers;
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
  fetch?: (input: Request | string, init?: RequestInit) => Promise<Response>;
  onAttempt?: (event: AttemptEvent) => void;
}

export type FetchLike = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** One attempt, ready to send: what to sign, and how to send it. */
interface Outgoing {
  method: string;
  url: string;
  headers: Headers;
  send(signal: AbortSignal | undefined): Promise<Response>;
}

/**
 * The signal of one attempt. Without a per-attempt timeout it is the caller's own signal (passing
 * a signal to fetch costs time on every call, so none is made up); with one, a signal that aborts
 * when the caller's does (body reading included) or when the response headers take longer than
 * `timeoutMs` (`clear()` stops that clock once they are in).
 */
function attemptDeadline(callerSignal: AbortSignal | null | undefined, timeoutMs: number | undefined) {
  if (timeoutMs === undefined) return { signal: callerSignal ?? undefined, clear() {} };
  const controller = new AbortController();
  callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), { once: true });
  const timer = setTimeout(
    () => controller.abort(new DOMException(`The attempt took longer than ${timeoutMs} ms`, 'TimeoutError')),
    timeoutMs,
  );
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export function createSignedFetch(options: SignedFetchOptions = {}): FetchLike {
  const credentials = createCredentialChain({ credentials: options.credentials });
  const retry = resolveRetryOptions(options.retry);
  const now = options.now ?? Date.now;
  const skew = options.clockSkew ?? new ClockSkew();
  const language = options.language;
  const fetchImpl = options.fetch ?? ((input: Request | string, init?: RequestInit) => globalThis.fetch(input, init));

  /** How each attempt is built from the caller's arguments. */
  function planner(
    input: RequestInfo | URL,
    init: RequestInit | undefined,
  ): { method: string; replayable: boolean; signal: AbortSignal | null | undefined; next(): Outgoing } {
    if (input instanceof Request && init === undefined) {
      return {
        method: input.method,
        replayable: true,
        signal: input.signal,
        next() {
          // A body can be read only once: each attempt sends a copy.
          const request = input.body === null ? input : input.clone();
          return {
            method: request.method,
            url: request.url,
            headers: request.headers,
            send: (signal) => fetchImpl(request, signal ? { signal } : undefined),
          };
        },
      };
    }
    if (input instanceof Request) return planner(new Request(input, init), undefined);
    const url = new URL(String(input)).href;
    const method = (init?.method ?? 'GET').toUpperCase();
    return {
      method,
      replayable: !(init?.body instanceof ReadableStream),
      signal: init?.signal,
      next() {
        const headers = new Headers(init?.headers);
        return { method, url, headers, send: (signal) => fetchImpl(url, { ...init, method, headers, signal }) };
      },
    };
  }

  return async function signedFetch(input, init) {
    const plan = planner(input, init);
    const idempotent = IDEMPOTENT_METHODS.has(plan.method) && plan.replayable;
    let retries = 0;
    let skewRetried = false;
    for (let attempt = 1; ; attempt++) {
      plan.signal?.throwIfAborted();
      const keys = await credentials();
      const outgoing = plan.next();
      const { method, url, headers } = outgoing;
      signHeaders(headers, method, url, { credentials: keys, now, clockOffsetMs: skew.offsetMs, language });
      const deadline = attemptDeadline(plan.signal, retry.attemptTimeoutMs);
      const wait = (delayMs: number) => sleep(delayMs, plan.signal ?? new AbortController().signal);
      let response: Response;
      try {
        response = await outgoing.send(deadline.signal);
      } catch (error) {
        deadline.clear();
        if (plan.signal?.aborted) throw plan.signal.reason;
        const willRetry = idempotent && retries < retry.maxRetries;
        const delayMs = willRetry ? backoffDelay(retries, retry) : 0;
        options.onAttempt?.({
          attempt,
          method,
          url,
          headers,
          error,
          ...(willRetry && { retry: { reason: 'network', delayMs } }),
        });
        if (!willRetry) throw error;
        retries++;
        await wait(delayMs);
        continue;
      }
      deadline.clear();
      const skewed = skew.observe(response.headers.get('date'), now());
      if (response.status === 401 && skewed && !skewRetried && plan.replayable) {
        skewRetried = true;
        options.onAttempt?.({ attempt, method, url, headers, response, retry: { reason: 'clock-skew', delayMs: 0 } });
        await discard(response);
        continue;
      }
      if (idempotent && retry.retryOn.has(response.status) && retries < retry.maxRetries) {
        const delayMs =
          retryAfterDelay(response.headers.get('retry-after'), now(), retry.retryAfterCapMs) ??
          backoffDelay(retries, retry);
        options.onAttempt?.({ attempt, method, url, headers, response, retry: { reason: 'status', delayMs } });
        await discard(response);
        retries++;
        await wait(delayMs);
        continue;
      }
      options.onAttempt?.({ attempt, method, url, headers, response });
      return response;
    }
  };
}
