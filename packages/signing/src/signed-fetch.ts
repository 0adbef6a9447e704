/**
 * A `fetch` that signs, retries and corrects clock skew, to use alone or to hand to openapi-fetch's
 * `createClient({ fetch })`. Signing runs inside the retry loop, so every attempt carries a fresh
 * timestamp and signature. Requests are not copied per attempt (a `Request` is slow to build in
 * Node): a `Request` input has its headers signed in place, a URL input is sent as `fetch(url, init)`.
 */
import { ClockSkew } from './clock-skew.js';
import { type CredentialsInput, type CredentialValues, createCredentialChain } from './credentials.js';
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  type RetryOptions,
  resolveRetryOptions,
  retryAfterDelay,
  sleep,
} from './retry.js';
import { applySigningHeaders, resolveLanguage, signingHeaders, signingTimestamp, wireUrl } from './sign-request.js';

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

/** How every attempt of one call is sent, once `signing` holds that attempt's signing headers. */
interface Plan {
  method: string;
  /** The URL signed and sent: absolute, normalised, without a fragment. */
  url: string;
  /** Whether the request can be sent again (its body is not a one-shot stream). */
  replayable: boolean;
  signal: AbortSignal | null | undefined;
  /** `Accept-Language` to add: null when the request has its own. */
  language: string | null;
  /** Sends one attempt; `headers()` shows what it carried (for `onAttempt`). */
  attempt(signing: Record<string, string>): { headers(): Headers; send(signal?: AbortSignal): Promise<Response> };
}

/** A caller's `HeadersInit` as a record with lower-case names (so signing headers replace, never duplicate, its own). */
function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init).forEach((value, name) => {
      record[name] = value;
    });
  } else if (init) {
    for (const [name, value] of Object.entries(init)) record[name.toLowerCase()] = value;
  }
  return record;
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
  const language = resolveLanguage(options.language);
  const fetchImpl = options.fetch ?? ((input: Request | string, init?: RequestInit) => globalThis.fetch(input, init));

  /**
   * A `Request` keeps its own headers (signed in place) and is copied only when it has a body to
   * replay; a URL is sent as `fetch(url, init)` with a plain header record, which is cheaper for
   * fetch to take in than a `Headers`.
   */
  function plan(input: RequestInfo | URL, init: RequestInit | undefined): Plan {
    if (input instanceof Request && init === undefined) {
      return {
        method: input.method,
        url: wireUrl(input.url),
        replayable: true,
        signal: input.signal,
        language,
        attempt(signing) {
          const request = input.body === null ? input : input.clone();
          applySigningHeaders(request.headers, signing);
          return {
            headers: () => request.headers,
            send: (signal) => fetchImpl(request, signal ? { signal } : undefined),
          };
        },
      };
    }
    if (input instanceof Request) return plan(new Request(input, init), undefined);
    const url = wireUrl(new URL(String(input)).href);
    const method = (init?.method ?? 'GET').toUpperCase();
    const own = headerRecord(init?.headers);
    return {
      method,
      url,
      replayable: !(init?.body instanceof ReadableStream),
      signal: init?.signal,
      language: 'accept-language' in own ? null : language,
      attempt(signing) {
        const headers = { ...own, ...signing };
        return {
          headers: () => new Headers(headers),
          send: (signal) => fetchImpl(url, { ...init, method, headers, signal }),
        };
      },
    };
  }

  const { onAttempt } = options;
  const wait = (delayMs: number, signal: AbortSignal | null | undefined) =>
    sleep(delayMs, signal ?? new AbortController().signal);
  let resolvedKeys: CredentialValues | undefined;

  return async function signedFetch(input, init) {
    const call = plan(input, init);
    const { method, url } = call;
    const idempotent = IDEMPOTENT_METHODS.has(method) && call.replayable;
    let retries = 0;
    let skewRetried = false;
    for (let attempt = 1; ; attempt++) {
      call.signal?.throwIfAborted();
      // The chain memoises its keys: after the first call they are read without waiting.
      resolvedKeys ??= await credentials();
      const keys = resolvedKeys;
      const timestamp = signingTimestamp(now, skew.offsetMs);
      const outgoing = call.attempt(signingHeaders(method, url, keys, timestamp, call.language));
      const report = (event: Omit<AttemptEvent, 'attempt' | 'method' | 'url' | 'headers'>) =>
        onAttempt?.({ attempt, method, url, headers: outgoing.headers(), ...event });
      const deadline = attemptDeadline(call.signal, retry.attemptTimeoutMs);
      let response: Response;
      try {
        response = await outgoing.send(deadline.signal);
      } catch (error) {
        deadline.clear();
        if (call.signal?.aborted) throw call.signal.reason;
        const willRetry = idempotent && retries < retry.maxRetries;
        const delayMs = willRetry ? backoffDelay(retries, retry) : 0;
        report({ error, ...(willRetry && { retry: { reason: 'network', delayMs } }) });
        if (!willRetry) throw error;
        retries++;
        await wait(delayMs, call.signal);
        continue;
      }
      deadline.clear();
      const skewed = skew.observe(response.headers.get('date'), now());
      if (response.status === 401 && skewed && !skewRetried && call.replayable) {
        skewRetried = true;
        report({ response, retry: { reason: 'clock-skew', delayMs: 0 } });
        await discard(response);
        continue;
      }
      if (idempotent && retry.retryOn.has(response.status) && retries < retry.maxRetries) {
        const delayMs =
          retryAfterDelay(response.headers.get('retry-after'), now(), retry.retryAfterCapMs) ??
          backoffDelay(retries, retry);
        report({ response, retry: { reason: 'status', delayMs } });
        await discard(response);
        retries++;
        await wait(delayMs, call.signal);
        continue;
      }
      report({ response });
      return response;
    }
  };
}
