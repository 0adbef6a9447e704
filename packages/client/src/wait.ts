/**
 * The one waiter runtime (`client.waitUntil.<name>`, loaded on its first use): polls the show operation
 * the spec's `x-scp-waiters` sit on, one request per poll (no retries inside a poll), on the schedule of
 * `wait-schedule.ts` or later when an answer asks for it (`Retry-After`), and reads the resource's `status`
 * (case-insensitively: SCP mixes `RUNNING` and `Running`). It resolves with the last answer on a success
 * status (or, for a waiter whose success is the resource gone, on a 404, with the last answer before it);
 * it rejects with `SkeWaitFailedError` on a failure status or one in neither list, with
 * `SkeWaitTimeoutError` past `timeoutMs`, with the caller's reason on `signal`, and with a poll's own error
 * after the third transient failure in a row (a network error, a time-out, a 429 or a 5xx).
 */
import { retryAfterDelay, sleep } from '@scp-ske/signing';
import { NetworkError, SkeApiError, SkeInputError, SkeTimeoutError } from './errors.js';
import type { SkeResponse, WaiterSpec, WaitOptions } from './operation.js';
import type { OperationCall } from './operation-methods.js';
import { SkeWaitFailedError, SkeWaitTimeoutError } from './wait-errors.js';
import { delayOption, waitDelay } from './wait-schedule.js';

/** The default `timeoutMs` of a wait: two hours, as SCP's Terraform provider. */
export const DEFAULT_WAIT_TIMEOUT_MS = 2 * 60 * 60 * 1000;
/** Transient failures tolerated in a row (as SCP's Terraform provider from v4): the third fails the wait. */
export const TOLERATED_FAILURES = 2;
const LONGEST_TIMER_MS = 2 ** 31 - 1;
const WAIT_OPTIONS = ['timeoutMs', 'signal', 'onProgress', 'initialDelayMs', 'minDelayMs', 'maxDelayMs'];

/** A failure worth another poll: no answer, a time-out of the poll, a 429 or a 5xx. */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    error instanceof SkeTimeoutError ||
    (error instanceof SkeApiError && (error.status === 429 || error.status >= 500))
  );
}

/** What a status means to a waiter: case-insensitively, `"*"` among `pending` standing for any other status. */
export function judgeStatus(spec: WaiterSpec, status: string): 'success' | 'pending' | 'failure' | 'unexpected' {
  const has = (list: readonly string[] | undefined) =>
    list?.some((entry) => entry.toUpperCase() === status.toUpperCase()) ?? false;
  if (has(spec.success)) return 'success';
  if (has(spec.failure)) return 'failure';
  return has(spec.pending) || spec.pending?.includes('*') ? 'pending' : 'unexpected';
}

function checkWaitOptions(options: unknown): WaitOptions {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null) {
    // Stryker disable next-line StringLiteral: message text
    throw new SkeInputError('options', 'an object');
  }
  for (const key of Object.keys(options)) {
    if (!WAIT_OPTIONS.includes(key)) {
      // Stryker disable next-line StringLiteral: message text
      const expected = `one of ${WAIT_OPTIONS.join(', ')}`;
      throw new SkeInputError(`options.${key}`, expected);
    }
  }
  const given = options as WaitOptions;
  if (given.signal !== undefined && !(given.signal instanceof AbortSignal))
    throw new SkeInputError(
      'options.signal',
      // Stryker disable next-line StringLiteral: message text
      'an AbortSignal',
    );
  if (given.onProgress !== undefined && typeof given.onProgress !== 'function')
    throw new SkeInputError(
      'options.onProgress',
      // Stryker disable next-line StringLiteral: message text
      'a function (status, elapsedMs)',
    );
  return given;
}

/** Polls `call` with `input` until the waiter `name` (`spec`) is done: see the module's comment. */
export async function waitFor(
  call: OperationCall,
  name: string,
  resource: string,
  spec: WaiterSpec,
  input: unknown,
  options?: unknown,
): Promise<SkeResponse<unknown> | undefined> {
  const given = checkWaitOptions(options);
  const timeoutMs = delayOption('timeoutMs', given.timeoutMs, DEFAULT_WAIT_TIMEOUT_MS);
  if (timeoutMs > LONGEST_TIMER_MS) {
    // Stryker disable next-line StringLiteral: message text
    const expected = `at most ${LONGEST_TIMER_MS}`;
    throw new SkeInputError('options.timeoutMs', expected);
  }
  waitDelay(0, given); // checks the schedule's options before any request
  const started = Date.now();
  let lastStatus: string | undefined;
  const controller = new AbortController();
  const { signal } = controller;
  const timer = setTimeout(() => controller.abort(new SkeWaitTimeoutError(name, timeoutMs, lastStatus)), timeoutMs);
  const forward = () => controller.abort(given.signal?.reason);
  if (given.signal?.aborted) forward();
  given.signal?.addEventListener('abort', forward, { once: true });
  let last: SkeResponse<unknown> | undefined;
  let failures = 0;
  let askedMs = 0;
  try {
    for (let poll = 0; ; poll++) {
      signal.throwIfAborted();
      await sleep(Math.max(waitDelay(poll, given), askedMs), signal);
      askedMs = 0;
      let retryAfter: string | null | undefined;
      try {
        const response = await call(input, {
          signal,
          maxRetries: 0,
          onAttempt: (event) => {
            retryAfter = event.response?.headers.get('retry-after');
          },
        });
        failures = 0;
        last = response;
        const found = (response.data as Record<string, { status?: unknown } | undefined> | null)?.[resource]?.status;
        lastStatus = String(found);
        given.onProgress?.(lastStatus, Date.now() - started);
        const verdict = judgeStatus(spec, lastStatus);
        if (verdict === 'success') return response;
        if (verdict !== 'pending') throw new SkeWaitFailedError(name, lastStatus, verdict);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof SkeApiError && error.status === 404) {
          if (spec.notFound === 'success') return last;
          throw new SkeWaitFailedError(name, 'NotFound', 'not-found', { cause: error });
        }
        const pending = error instanceof SkeApiError && spec.pendingHttpStatuses?.includes(error.status);
        if (!pending && !(isTransient(error) && ++failures <= TOLERATED_FAILURES)) throw error;
      } finally {
        askedMs = retryAfterDelay(retryAfter ?? null, Date.now(), LONGEST_TIMER_MS) ?? 0;
      }
    }
  } finally {
    clearTimeout(timer);
    given.signal?.removeEventListener('abort', forward);
  }
}
