/**
 * Retry policy: which answers are retried, how long to wait, and the validated options.
 * Idempotent methods only; 429, 500, 502, 503, 504 and network errors; exponential backoff with
 * full jitter; `Retry-After` honoured up to a cap.
 */
import { describeValue, SigningOptionError } from './errors.js';

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
   * over `get`) is aborted and counts as a network error. Default: none (both give up after 300 s of
   * silence); setting one costs a timer and a signal per attempt.
   */
  attemptTimeoutMs?: number | undefined;
  /** Statuses retried. Default 429, 500, 502, 503, 504. */
  retryOn?: readonly number[];
  /** Random source in [0, 1) for the jitter. Default `Math.random`. */
  random?: () => number;
}

export type ResolvedRetryOptions = Required<Omit<RetryOptions, 'retryOn' | 'attemptTimeoutMs'>> & {
  retryOn: ReadonlySet<number>;
  attemptTimeoutMs: number | undefined;
};

export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
export const DEFAULT_RETRY_STATUSES = [429, 500, 502, 503, 504] as const;

function wholeNumber(option: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new SigningOptionError(
      `retry.${option}`,
      `a whole number ≥ ${min}`,
      typeof value === 'number' ? String(value) : describeValue(value),
    );
  }
  return value;
}

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const retryOn = options.retryOn ?? DEFAULT_RETRY_STATUSES;
  for (const status of retryOn) wholeNumber('retryOn[]', status, 0, 100);
  return {
    maxRetries: wholeNumber('maxRetries', options.maxRetries, 2, 0),
    baseDelayMs: wholeNumber('baseDelayMs', options.baseDelayMs, 100, 0),
    maxDelayMs: wholeNumber('maxDelayMs', options.maxDelayMs, 5_000, 0),
    retryAfterCapMs: wholeNumber('retryAfterCapMs', options.retryAfterCapMs, 20_000, 0),
    attemptTimeoutMs:
      options.attemptTimeoutMs === undefined
        ? undefined
        : wholeNumber('attemptTimeoutMs', options.attemptTimeoutMs, 0, 1),
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

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
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
