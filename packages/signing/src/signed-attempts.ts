/**
 * The attempt loop every signed transport shares: before each attempt it signs afresh (new
 * timestamp, clock-skew offset applied), then sends, and retries what the policy allows (network
 * errors, retryable statuses, one re-signed attempt after a clock-skew 401), all within the call's
 * deadline (`timeoutMs`). A redirect is answered as it is, or, with `followRedirects`, followed to the
 * same origin and signed afresh for its URL. Transports differ only in how an attempt goes out and
 * what answer comes back, which a `Plan` describes.
 */
import { type CallLimitOptions, resolveCallLimits } from './call-limits.js';
import { ClockSkew } from './clock-skew.js';
import { type CredentialsInput, type CredentialValues, createCredentialChain } from './credentials.js';
import { attemptDeadline, callDeadline, type Deadline, LONGEST_TIMER_MS } from './deadline.js';
import { RedirectRefusedError, SkeTimeoutError } from './errors.js';
import { type HeadersLike, headerRecord } from './header-record.js';
import { redirectTarget } from './redirect.js';
import {
  backoffDelay,
  type ResolvedRetryOptions,
  type RetryOptions,
  resolveRetryOptions,
  retriesFailure,
  retryDelay,
  sleep,
} from './retry.js';
import { resolveLanguage, signingHeaders, signingTimestamp } from './sign-request.js';
import { wholeNumberOption } from './whole-number.js';

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
  /** Set when another attempt follows: why, and after how long (a redirect followed: at once, to `url` of the next event). */
  retry?: { reason: 'status' | 'network' | 'clock-skew' | 'redirect'; delayMs: number };
}

export interface SignedFetchOptions extends CallLimitOptions {
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

/** What one call may set over its transport's options (`createSignedGet`'s `init`). */
export interface CallOverrides {
  /** The deadline of this call (see `CallLimitOptions.timeoutMs`). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt for this call (see `RetryOptions.maxRetries`). */
  maxRetries?: number | undefined;
  /** Told of each attempt of this call, after the transport's own `onAttempt`. */
  onAttempt?: ((event: AttemptEvent) => void) | undefined;
}

/** How every attempt of one call is sent, once `signing` holds that attempt's signing headers. */
export interface Plan<Reply extends HttpReply> {
  method: string;
  /** The URL signed and sent: absolute, normalised, without a fragment. */
  url: string;
  /** Whether the request can be sent again (its body is not a one-shot stream). */
  replayable: boolean;
  signal: AbortSignal | null | undefined;
  /** This call's own deadline, retries and attempt hook (`SignedGetInit`), over the transport's options. */
  own?: CallOverrides | undefined;
  /** `Accept-Language` to add: null when the request has its own. */
  language: string | null;
  /** Sends one attempt; `headers()` shows what it carried (for `onAttempt`). */
  attempt(signing: Record<string, string>): { headers(): Headers; send(deadline: Deadline): Promise<Reply> };
  /** Lets go of an answer that will be retried or redirected. */
  discard(reply: Reply): Promise<void>;
  /**
   * Hands the final answer over; `done` is to be called once its body is read, fails or is given up
   * (it ends the call's deadline). Throws for an answer that cannot be handed over.
   */
  keep(reply: Reply, done: () => void): Reply;
  /** The same call sent to `url` with `method` (GET: without its body), after a redirect. */
  redirect(url: string, method: string): Plan<Reply> | Promise<Plan<Reply>>;
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
  timeoutMs: number;
  maxResponseBytes: number;
  followRedirects: boolean;
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
    ...resolveCallLimits(options),
  };
}

/**
 * Runs a call's attempts until one is answered for good, or fails for good, within the call's
 * deadline. The plan is made here, so that bad input (an invalid URL) rejects the returned promise
 * instead of throwing.
 */
export async function runAttempts<Reply extends HttpReply>(
  makePlan: () => Plan<Reply>,
  context: SignedContext,
): Promise<Reply> {
  let call = makePlan();
  const { retry, now, skew } = context;
  // The call's own deadline, retries and attempt hook, over the transport's (checked like its options).
  const { own = {} } = call;
  const timeoutMs = wholeNumberOption('timeoutMs', own.timeoutMs, context.timeoutMs, 1, LONGEST_TIMER_MS);
  const maxRetries = wholeNumberOption('maxRetries', own.maxRetries, retry.maxRetries, 0);
  const mine = own.onAttempt;
  const shared = context.onAttempt;
  const onAttempt =
    mine && shared
      ? (event: AttemptEvent) => {
          shared(event);
          mine(event);
        }
      : (mine ?? shared);
  const deadline = callDeadline(call.signal, timeoutMs, call.method, call.url);
  let retries = 0;
  let redirects = 0;
  let skewRetried = false;
  try {
    for (let attempt = 1; ; attempt++) {
      deadline.throwIfAborted();
      context.keys ??= await context.credentials();
      const keys = context.keys;
      const { method, url, replayable } = call;
      const timestamp = signingTimestamp(now, skew.offsetMs);
      // Ready at once with node:crypto (Node's build: the await costs a microtask); a promise with Web Crypto (the other build).
      const outgoing = call.attempt(await signingHeaders(method, url, keys, timestamp, call.language));
      const report = (event: Omit<AttemptEvent, 'attempt' | 'method' | 'url' | 'headers'>) =>
        onAttempt?.({
          attempt,
          method,
          url,
          // Made when read: building a Headers object loads Node's fetch implementation (undici), ≈ 6 ms of
          // a short process's start, which a hook that never looks at the headers should not pay.
          get headers() {
            return outgoing.headers();
          },
          ...event,
        });
      const timed = attemptDeadline(deadline, retry.attemptTimeoutMs);
      const sent = await outgoing.send(timed ?? deadline).then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      );
      timed?.clear();
      if (!('reply' in sent)) {
        const { error } = sent;
        if (deadline.aborted) {
          // The call's own deadline passed during this attempt: it failed with it (a caller's abort is the caller's to tell).
          if (deadline.reason instanceof SkeTimeoutError) report({ error: deadline.reason });
          throw deadline.reason;
        }
        const willRetry = replayable && retries < maxRetries && retriesFailure(method, error);
        const delayMs = willRetry ? backoffDelay(retries, retry) : 0;
        report({ error, ...(willRetry && { retry: { reason: 'network', delayMs } }) });
        if (!willRetry) throw error;
        retries++;
        await sleep(delayMs, deadline.signal);
        continue;
      }
      const { reply } = sent;
      const skewed = skew.observe(reply.headers.get('date'), now());
      if (reply.status === 401 && skewed && !skewRetried && replayable) {
        skewRetried = true;
        report({ response: reply, retry: { reason: 'clock-skew', delayMs: 0 } });
        await call.discard(reply);
        continue;
      }
      const delayMs =
        replayable && retries < maxRetries
          ? retryDelay(method, reply.status, reply.headers.get('retry-after'), retries, retry, now())
          : undefined;
      if (delayMs !== undefined) {
        report({ response: reply, retry: { reason: 'status', delayMs } });
        await call.discard(reply);
        retries++;
        await sleep(delayMs, deadline.signal);
        continue;
      }
      const next = context.followRedirects
        ? redirectTarget(reply.status, reply.headers.get('location'), call, redirects)
        : undefined;
      const follows = next !== undefined && !(next instanceof RedirectRefusedError);
      report({ response: reply, ...(follows && { retry: { reason: 'redirect', delayMs: 0 } }) });
      if (next === undefined) return call.keep(reply, () => deadline.clear());
      await call.discard(reply);
      if (next instanceof RedirectRefusedError) throw next;
      call = await call.redirect(next.url, next.method);
      redirects++;
    }
  } catch (error) {
    deadline.clear();
    throw error;
  }
}
