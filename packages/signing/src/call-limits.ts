/**
 * What every signed call holds to, whatever the server does: a deadline for the whole call
 * (`timeoutMs`), a size for its answer counted after decoding (`maxResponseBytes`), and whether a
 * redirect is followed (`followRedirects`, never by default). Their defaults, and their checks.
 */
import { LONGEST_TIMER_MS } from './deadline.js';
import { describeValue, SigningOptionError } from './errors.js';
import { wholeNumberOption } from './whole-number.js';

/** The deadline of a whole call by default: one minute, retries and reading the answer included. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** The largest answer read by default: 16 MiB once decoded (a kubeconfig is a few KB, a cluster list tens). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The largest `maxResponseBytes` accepted: 256 MiB, well under the longest string JavaScript can hold. */
export const MAX_RESPONSE_BYTES_CEILING = 256 * 1024 * 1024;

/** The options of every signed transport that bound a call: its deadline, its answer's size, its redirects. */
export interface CallLimitOptions {
  /**
   * The deadline of a whole call, in milliseconds: every attempt, the waits between them and reading
   * the answer. Past it the call fails with `SkeTimeoutError`. Default 60000; at most 2147483647.
   */
  timeoutMs?: number;
  /**
   * The largest answer body read, in bytes, counted after decoding (gzip, deflate, br). One byte more
   * and the call fails with `ResponseTooLargeError`, the connection closed. Default 16 MiB; at most 256 MiB.
   */
  maxResponseBytes?: number;
  /**
   * Follow a redirect (301, 302, 303, 307, 308) to the same origin, re-signed for its URL; one to another
   * origin fails with `RedirectRefusedError`, and signing headers never go there. Default false: a
   * redirect is answered as it is.
   */
  followRedirects?: boolean;
}

export type CallLimits = Required<CallLimitOptions>;

/** The options checked (`SigningOptionError` naming the one that is wrong), defaults filled in. */
export function resolveCallLimits(options: CallLimitOptions): CallLimits {
  const { followRedirects = false } = options;
  if (typeof followRedirects !== 'boolean') {
    throw new SigningOptionError('followRedirects', 'true or false', describeValue(followRedirects));
  }
  return {
    timeoutMs: wholeNumberOption('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, 1, LONGEST_TIMER_MS),
    maxResponseBytes: wholeNumberOption(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      0,
      MAX_RESPONSE_BYTES_CEILING,
    ),
    followRedirects,
  };
}
