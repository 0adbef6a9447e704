/**
 * The attempt loop every signed transport shares: before each attempt it signs afresh (new
 * timestamp, clock-skew offset applied), then sends, and retries what the policy allows (network
 * errors, retryable statuses, one re-signed attempt after a clock-skew 401). Transports differ only
 * in how an attempt goes out and what answer comes back, which a `Plan` describes.
 */
import { ClockSkew } from './clock-skew.js';
import { type CredentialsInput, type CredentialValues, createCredentialChain } from './credentials.js';
import { type HeadersLike, headerRecord } from './header-record.js';
import {
  backoffDelay,
  IDEMPOTENT_METHODS,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
  retryAfterDelay,
  sleep,
} from './retry.js';
import { resolveLanguage, signingHeaders, signingTimestamp } from './sign-request.js';

/** Response headers as every transport gives them: `Headers`, or a lighter object read the same way. */
export interface ReplyHeaders {
  get(name: string): string | null;
  forEach(callback: (value: string, name: string) => void): void;
}

/** What a signed call answers, whichever transport carried it. A fetch `Response` is one. */
export interface HttpReply {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: ReplyHeaders;
  text(): Promise<string>;
}

/** What happened on one attempt, for logging. `headers` include the signature: log them with `redactedHeaders`. */
export interface AttemptEvent {
  attempt: number;
  method: string;
  url: string;
  headers: Headers;
  response?: HttpReply;
  error?: unknown;
  /** Set when another attempt follows: why, and after how long. */
  retry?: { reason: 'status' | 'network' | 'clock-skew'; delayMs: number };
}

export interface SignedFetchOptions {
  /** Keys, a resolved `ScpCredentials`, or a custom provider; default: the environment, then ~/.scpconf (Node only). */
  credentials?: CredentialsInput;
  retry?: RetryOptions;
  /** Local clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Share one between adapters so that they learn the skew once. */
  clockSkew?: ClockSkew;
  /** `Accept-Language` when the request has none; `null` for none. Default `en-US`. */
  language?: string | null;
  /**
   * Headers sent with every request (e.g. `Scp-Api-Version`, `User-Agent`); a request's own headers
   * of the same name win. Signing headers are never taken from here.
   */
  headers?: HeadersLike;
  /** The underlying fetch. Default `globalThis.fetch` (and, outside Node, for `createSignedGet` too). */
  fetch?: (input: Request | string, init?: RequestInit) => Promise<Response>;
  onAttempt?: (event: AttemptEvent) => void;
}

/** How every attempt of one call is sent, once `signing` holds that attempt's signing headers. */
export interface Plan<Reply extends HttpReply> {
  method: string;
  /** The URL signed and sent: absolute, normalised, without a fragment. */
  url: string;
  /** Whether the request can be sent again (its body is not a one-shot stream). */
  replayable: boolean;
  signal: AbortSignal | null | undefined;
  /** `Accept-Language` to add: null when the request has its own. */
  language: string | null;
  /** Sends one attempt; `headers()` shows what it carried (for `onAttempt`). */
  attempt(signing: Record<string, string>): { headers(): Headers; send(signal?: AbortSignal): Promise<Reply> };
  /** Lets go of an answer that will be retried. */
  discard(reply: Reply): Promise<void>;
}

/** The state calls share: one credentials chain, retry policy, clock and learned skew. */
export interface SignedContext {
  /** The credentials chain (memoised). */
  credentials(): Promise<CredentialValues>;
  /** The keys once the chain has given them, so that later attempts read them without waiting. */
  keys: CredentialValues | undefined;
  retry: ResolvedRetryOptions;
  now: () => number;
  skew: ClockSkew;
  language: string | null;
  /** `options.headers` with lower-case names, read once. */
  headers: Readonly<Record<string, string>>;
  onAttempt: ((event: AttemptEvent) => void) | undefined;
}

/** Validates the options (throwing `SigningOptionError` before any network call) into a shared context. */
export function signedContext(options: SignedFetchOptions): SignedContext {
  return {
    credentials: createCredentialChain({ credentials: options.credentials }),
    keys: undefined,
    retry: resolveRetryOptions(options.retry),
    now: options.now ?? Date.now,
    skew: options.clockSkew ?? new ClockSkew(),
    language: resolveLanguage(options.language),
    headers: headerRecord(options.headers),
    onAttempt: options.onAttempt,
  };
}

/**
 * The signal of one attempt. Without a per-attempt timeout it is the caller's own signal (passing
 * a signal costs time on every call, so none is made up); with one, a signal that aborts when the
 * caller's does (body reading included) or when the answer takes longer than `timeoutMs` (`clear()`
 * stops that clock once it is in).
 */
function attemptDeadline(callerSignal: AbortSignal | null | undefined, timeoutMs: number | undefined) {
  if (timeoutMs === undefined) return { signal: callerSignal ?? undefined, clear() {} };
  const controller = new AbortController();
  callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), { once: true });
  const timer = setTimeout(() => {
    // Stryker disable next-line StringLiteral: message text
    const message = `The attempt took longer than ${timeoutMs} ms`;
    controller.abort(new DOMException(message, 'TimeoutError'));
  }, timeoutMs);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

const wait = (delayMs: number, signal: AbortSignal | null | undefined) =>
  sleep(delayMs, signal ?? new AbortController().signal);

/**
 * Runs a call's attempts until one is answered for good, or fails for good. The plan is made here,
 * so that bad input (an invalid URL) rejects the returned promise instead of throwing.
 */
export async function runAttempts<Reply extends HttpReply>(
  makePlan: () => Plan<Reply>,
  context: SignedContext,
): Promise<Reply> {
  const call = makePlan();
  const { retry, now, skew, onAttempt } = context;
  const { method, url } = call;
  const idempotent = IDEMPOTENT_METHODS.has(method) && call.replayable;
  let retries = 0;
  let skewRetried = false;
  for (let attempt = 1; ; attempt++) {
    call.signal?.throwIfAborted();
    context.keys ??= await context.credentials();
    const keys = context.keys;
    const timestamp = signingTimestamp(now, skew.offsetMs);
    // Ready at once with node:crypto (Node's build: the await costs a microtask); a promise with Web Crypto (the other build).
    const outgoing = call.attempt(await signingHeaders(method, url, keys, timestamp, call.language));
    const report = (event: Omit<AttemptEvent, 'attempt' | 'method' | 'url' | 'headers'>) =>
      onAttempt?.({ attempt, method, url, headers: outgoing.headers(), ...event });
    const deadline = attemptDeadline(call.signal, retry.attemptTimeoutMs);
    let reply: Reply;
    try {
      reply = await outgoing.send(deadline.signal);
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
    const skewed = skew.observe(reply.headers.get('date'), now());
    if (reply.status === 401 && skewed && !skewRetried && call.replayable) {
      skewRetried = true;
      report({ response: reply, retry: { reason: 'clock-skew', delayMs: 0 } });
      await call.discard(reply);
      continue;
    }
    if (idempotent && retry.retryOn.has(reply.status) && retries < retry.maxRetries) {
      const delayMs =
        retryAfterDelay(reply.headers.get('retry-after'), now(), retry.retryAfterCapMs) ?? backoffDelay(retries, retry);
      report({ response: reply, retry: { reason: 'status', delayMs } });
      await call.discard(reply);
      retries++;
      await wait(delayMs, call.signal);
      continue;
    }
    report({ response: reply });
    return reply;
  }
}
