/**
 * Deadlines: one for a whole call (`timeoutMs`: every attempt, the waits between them and reading
 * the answer), which aborts with `SkeTimeoutError` and passes the caller's own abort on; and one per
 * attempt under it (`retry.attemptTimeoutMs`). A `Deadline` tells its listeners with a plain call and
 * makes an `AbortSignal` only when one is asked for (fetch, a wait): over node:http a listener on a
 * signal costs more than the rest of a loopback call's overhead. Once cleared, it lets go of its timer
 * and of the signal it listens to, so that a long-lived caller signal gathers no listeners.
 */
import { NetworkError, SkeTimeoutError } from './errors.js';

/** The longest delay a timer takes (2³¹ − 1 ms, about 24.8 days); a longer one would fire at once. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;

export type AbortListener = (reason: unknown) => void;

/** What an attempt stops on: the way a transport without fetch listens to a deadline. */
export interface Abortable {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when this aborts (at once when it has); the function returned stops that. */
  onAbort(listener: AbortListener): () => void;
}

const nothing = () => undefined;

/** Aborts when its parent does (with the parent's reason), or after `ms` (with `reason()`) when given. */
export class Deadline implements Abortable {
  aborted = false;
  reason: unknown = undefined;
  readonly #listeners = new Set<AbortListener>();
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #unlink: () => void = nothing;

  constructor(parent?: Abortable | AbortSignal | null, ms?: number, reason: () => unknown = nothing) {
    if (parent && 'onAbort' in parent) {
      this.#unlink = parent.onAbort((why) => this.abort(why));
    } else if (parent?.aborted) {
      this.abort(parent.reason);
    } else if (parent) {
      const forward = () => this.abort(parent.reason);
      parent.addEventListener('abort', forward);
      this.#unlink = () => parent.removeEventListener('abort', forward);
    }
    if (ms !== undefined && !this.aborted) {
      this.#timer = setTimeout(() => this.abort(reason()), ms);
      // A deadline alone does not keep a process alive.
      (this.#timer as { unref?: () => void }).unref?.();
    }
  }

  /** Aborts now with `reason` (once): listeners are told, and the signal, if one was made, aborts. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.clear();
    this.#controller?.abort(reason);
    for (const listener of this.#listeners) listener(reason);
  }

  onAbort(listener: AbortListener): () => void {
    if (this.aborted) {
      listener(this.reason);
      return nothing;
    }
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** An `AbortSignal` that aborts with this (made on first use). */
  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  throwIfAborted(): void {
    if (this.aborted) throw this.reason;
  }

  /** Stops the clock and stops listening to the parent (idempotent); it will not abort after this. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#unlink();
  }
}

/** The deadline of a whole call of `method` `url`: `SkeTimeoutError` after `timeoutMs`, or the caller's abort. */
export function callDeadline(
  callerSignal: AbortSignal | null | undefined,
  timeoutMs: number,
  method: string,
  url: string,
): Deadline {
  return new Deadline(callerSignal, timeoutMs, () => new SkeTimeoutError(timeoutMs, method, url));
}

/** The reasons attempt deadlines abort with: told apart from a caller's own `TimeoutError` (`AbortSignal.timeout`). */
const attemptTimeouts = new WeakSet<object>();

/** Whether `error` is the `TimeoutError` of an attempt's own deadline (`retry.attemptTimeoutMs`). */
const isAttemptTimeout = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && attemptTimeouts.has(error);

/**
 * What an attempt of the signed GET that its deadline stopped fails with: its own time-out
 * (`retry.attemptTimeoutMs`) as a `NetworkError`, as a connection silent too long is; any other reason
 * (the call's `SkeTimeoutError`, a caller's abort) as it is.
 */
export function stoppedWith(reason: unknown, method: string, url: string): unknown {
  return isAttemptTimeout(reason) ? new NetworkError(method, url, reason) : reason;
}

/**
 * The deadline of one attempt under `call`: none without `attemptTimeoutMs` (a timer fewer per
 * attempt); else one that also aborts, with a `TimeoutError` (retried as a network error), once the
 * attempt takes longer than `timeoutMs`.
 */
export function attemptDeadline(call: Deadline, timeoutMs: number | undefined): Deadline | undefined {
  if (timeoutMs === undefined) return undefined;
  return new Deadline(call, timeoutMs, () => {
    // Stryker disable next-line StringLiteral: message text
    const message = `The attempt took longer than ${timeoutMs} ms`;
    const reason = new DOMException(message, 'TimeoutError');
    attemptTimeouts.add(reason);
    return reason;
  });
}
