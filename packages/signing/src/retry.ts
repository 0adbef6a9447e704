/**
 * Retry policy: which failures and answers are sent again, how long to wait, and the validated
 * options. A safe method (GET, HEAD, OPTIONS, TRACE) is retried after a network error and on 429,
 * 500, 502, 503, 504. Any other method (POST, PUT, DELETE, PATCH: it may create or change something)
 * is retried only when it certainly did not reach the service (the connection was refused, the name
 * did not resolve) or when the service says it did nothing (429 or 503 with `Retry-After`); never
 * after a time-out or a connection lost once sent. Exponential backoff with full jitter;
 * `Retry-After` honoured up to a cap.
 */
import { LONGEST_TIMER_MS } from './deadline.js';
import { NetworkError, SkeError } from './errors.js';
import { wholeNumberOption } from './whole-number.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2 (three attempts in all); 0 turns retries off. */
  maxRetries?: number;
  /** Backoff base: attempt n waits a random time in [0, min(maxDelayMs, baseDelayMs × 2ⁿ)). Default 100. */
  baseDelayMs?: number;
  /** Backoff ceiling. Default 5000. */
  maxDelayMs?: number;
  /** Longest `Retry-After` honoured; a longer one is cut to this. Default 20000. */
  retryAfterCapMs?: number;
  /**
   * An attempt that takes longer than this (to its response headers over fetch, to the whole answer
   * over `get`) is aborted and counts as a network error (retried for a safe method only). Default:
   * none (the call's `timeoutMs` still holds); setting one costs a timer and a signal per attempt.
   */
  attemptTimeoutMs?: number | undefined;
  /** Statuses retried (for a method that is not safe, only 429 and 503 among them, with `Retry-After`). Default 429, 500, 502, 503, 504. */
  retryOn?: readonly number[];
  /** Random source in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'retryOn' | 'attemptTimeoutMs'>> & {
  retryOn: ReadonlySet<number>;
  attemptTimeoutMs: number | undefined;
};

/** Methods that change nothing (RFC 9110's safe methods): retried after a network error and on every `retryOn` status. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
/**
 * RFC 9110's idempotent methods.
 * @deprecated No longer what decides a retry: see `SAFE_METHODS` and the retry rule in the README.
 */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
export const DEFAULT_RETRY_STATUSES = [429, 500, 502, 503, 504] as const;
/** Statuses by which a service says it did nothing: with `Retry-After`, the only ones a method that is not safe is retried on. */
export const NOTHING_DONE_STATUSES: ReadonlySet<number> = new Set([429, 503]);
/** Codes of a connection that failed before the request left: refused, or a name that did not resolve. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const retryOn = options.retryOn ?? DEFAULT_RETRY_STATUSES;
  for (const status of retryOn) wholeNumberOption('retry.retryOn[]', status, 0, 100);
  return {
    maxRetries: wholeNumberOption('retry.maxRetries', options.maxRetries, 2, 0),
    baseDelayMs: wholeNumberOption('retry.baseDelayMs', options.baseDelayMs, 100, 0),
    maxDelayMs: wholeNumberOption('retry.maxDelayMs', options.maxDelayMs, 5_000, 0),
    retryAfterCapMs: wholeNumberOption('retry.retryAfterCapMs', options.retryAfterCapMs, 20_000, 0),
    attemptTimeoutMs:
      options.attemptTimeoutMs === undefined
        ? undefined
        : wholeNumberOption('retry.attemptTimeoutMs', options.attemptTimeoutMs, 0, 1, LONGEST_TIMER_MS),
    retryOn: new Set(retryOn),
    random: options.random ?? Math.random,
  };
}

/** Full-jitter exponential backoff for the retry after attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(options.random() * ceiling);
}

/** `Retry-After` (delta-seconds or an HTTP date) in milliseconds from `nowMs`, capped; undefined when absent or malformed. */
export function retryAfterDelay(header: string | null, nowMs: number, capMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  const delay = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - nowMs;
  if (Number.isNaN(delay)) return undefined;
  return Math.min(Math.max(delay, 0), capMs);
}

/** The system code of a failed attempt: a `NetworkError`'s reason, or the code of a fetch error's cause. */
function systemCode(error: unknown): unknown {
  if (error instanceof NetworkError) return error.reason;
  type Coded = { code?: unknown; cause?: { code?: unknown } } | null | undefined;
  return (error as Coded)?.cause?.code ?? (error as Coded)?.code;
}

/**
 * Whether an attempt that failed without an answer may be sent again (its body can be): a network
 * failure (never one of this package's own errors, such as `ResponseTooLargeError`), for a safe method
 * always, for another only when the request certainly did not leave (`NOT_SENT_CODES`).
 */
export function retriesFailure(method: string, error: unknown): boolean {
  if (error instanceof SkeError && !(error instanceof NetworkError)) return false;
  return SAFE_METHODS.has(method) || NOT_SENT_CODES.has(systemCode(error) as string);
}

/**
 * How long to wait before sending again a request answered with `status`, or undefined when it is not
 * retried: a `retryOn` status, and for a method that is not safe only 429 or 503 with a `Retry-After`
 * (the service did nothing). `Retry-After` (capped) when there is one, else backoff after `retries` retries.
 */
export function retryDelay(
  method: string,
  status: number,
  retryAfter: string | null,
  retries: number,
  options: ResolvedRetryOptions,
  nowMs: number,
): number | undefined {
  if (!options.retryOn.has(status)) return undefined;
  const asked = retryAfterDelay(retryAfter, nowMs, options.retryAfterCapMs);
  if (!SAFE_METHODS.has(method) && (asked === undefined || !NOTHING_DONE_STATUSES.has(status))) return undefined;
  return asked ?? backoffDelay(retries, options);
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 * @internal For the scp-ske packages (the client's waiters); not a stable API.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
