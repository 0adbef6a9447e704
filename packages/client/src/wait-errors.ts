/**
 * How a waiter (`client.waitUntil.<name>`) fails: it ran out of time (`SkeWaitTimeoutError`), or the resource
 * reached a status it will not leave for the one awaited (`SkeWaitFailedError`). A failed poll is the
 * call's own error (`SkeApiError`, `NetworkError`, …), after two in a row were tolerated.
 */
import { SkeError } from './errors.js';

/** The wait took longer than its `timeoutMs`. `lastStatus` is the last status a poll read, if any. */
export class SkeWaitTimeoutError extends SkeError {
  override readonly name = 'SkeWaitTimeoutError';
  constructor(
    readonly waiter: string,
    readonly timeoutMs: number,
    readonly lastStatus: string | undefined,
  ) {
    super(
      'ERR_SKE_WAIT_TIMEOUT',
      `${waiter}: still not done after ${timeoutMs} ms, the timeoutMs option${lastStatus === undefined ? '' : ` (last status ${JSON.stringify(lastStatus)})`}`,
    );
  }
}

/**
 * The resource will not reach what the waiter waits for: its status is one the waiter fails on
 * (`reason: 'failure'`), one it does not expect at all (`'unexpected'`), or it is gone (`'not-found'`, a 404,
 * the `cause`).
 */
export class SkeWaitFailedError extends SkeError {
  override readonly name = 'SkeWaitFailedError';
  constructor(
    readonly waiter: string,
    /** The status read, or `NotFound`. */
    readonly status: string,
    readonly reason: 'failure' | 'unexpected' | 'not-found',
    options?: ErrorOptions,
  ) {
    const why =
      reason === 'not-found'
        ? 'the resource is gone (404)'
        : `status ${JSON.stringify(status)}${reason === 'failure' ? ' is a failure' : ' is unexpected'}`;
    super('ERR_SKE_WAIT_FAILED', `${waiter}: ${why}`, options);
  }
}
