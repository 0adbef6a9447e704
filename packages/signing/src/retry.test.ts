import { describe, expect, it } from 'vitest';
import { NetworkError, ResponseTooLargeError, SkeTimeoutError } from './errors.js';
import {
  backoffDelay,
  NOT_SENT_CODES,
  NOTHING_DONE_STATUSES,
  resolveRetryOptions,
  retriesFailure,
  retryAfterDelay,
  retryDelay,
  SAFE_METHODS,
  sleep,
} from './retry.js';

describe('resolveRetryOptions', () => {
  it('documents its defaults', () => {
    const { random, ...options } = resolveRetryOptions();
    expect(options).toEqual({
      maxRetries: 2,
      baseDelayMs: 100,
      maxDelayMs: 5000,
      retryAfterCapMs: 20000,
      attemptTimeoutMs: undefined,
      retryOn: new Set([429, 500, 502, 503, 504]),
    });
    expect(random).toBe(Math.random);
  });

  it.each([
    ['maxRetries', -1, /^retry\.maxRetries: expected a whole number ≥ 0, received -1$/],
    ['maxRetries', 1.5, /^retry\.maxRetries: .* received 1\.5$/],
    ['attemptTimeoutMs', 0, /^retry\.attemptTimeoutMs: expected a whole number from 1 to 2147483647, received 0$/],
    [
      'attemptTimeoutMs',
      2 ** 31,
      /^retry\.attemptTimeoutMs: expected a whole number from 1 to 2147483647, received 2147483648$/,
    ],
    ['baseDelayMs', Number.NaN, /^retry\.baseDelayMs: /],
  ])('rejects %s = %s', (option, value, message) => {
    expect(() => resolveRetryOptions({ [option]: value })).toThrow(message);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially under full jitter and stops at the ceiling', () => {
    const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, resolveRetryOptions({ random: () => 0 }))).toBe(0);
  });
});

describe('retryAfterDelay', () => {
  const now = Date.parse('2026-11-29T00:00:00Z');
  it('reads delta-seconds and HTTP dates, capped', () => {
    expect(retryAfterDelay('2', now, 20_000)).toBe(2000);
    expect(retryAfterDelay('Sun, 29 Nov 2026 00:00:05 GMT', now, 20_000)).toBe(5000);
    expect(retryAfterDelay('120', now, 20_000)).toBe(20_000);
    expect(retryAfterDelay('Sat, 28 Nov 2026 00:00:00 GMT', now, 20_000)).toBe(0);
  });
  it('ignores an absent or malformed header', () => {
    expect(retryAfterDelay(null, now, 1000)).toBeUndefined();
    expect(retryAfterDelay('soon', now, 1000)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
  });
});

describe('the retry rule', () => {
  const URL = 'http://127.0.0.1:9/x';
  const coded = (code: string) => Object.assign(new Error(code), { code });
  const fetchFailure = (code: string) => new TypeError('fetch failed', { cause: coded(code) });

  it('names the safe methods, the statuses that say nothing was done, and the codes of a request never sent', () => {
    expect([...SAFE_METHODS]).toEqual(['GET', 'HEAD', 'OPTIONS', 'TRACE']);
    expect([...NOTHING_DONE_STATUSES]).toEqual([429, 503]);
    expect([...NOT_SENT_CODES]).toEqual(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
  });

  it.each(['GET', 'HEAD', 'OPTIONS', 'TRACE'])('retries %s after any network failure', (method) => {
    expect(retriesFailure(method, new NetworkError(method, URL, coded('ECONNRESET')))).toBe(true);
    expect(retriesFailure(method, new TypeError('fetch failed'))).toBe(true);
    expect(retriesFailure(method, new DOMException('slow', 'TimeoutError'))).toBe(true);
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'retries %s only when the request certainly did not leave, over node:http or fetch',
    (method) => {
      for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']) {
        expect(retriesFailure(method, new NetworkError(method, URL, coded(code)))).toBe(true);
        expect(retriesFailure(method, fetchFailure(code))).toBe(true);
        expect(retriesFailure(method, coded(code))).toBe(true);
        // The signed GET over a fetch option: a NetworkError whose cause is fetch's own error.
        expect(retriesFailure(method, new NetworkError(method, URL, fetchFailure(code)))).toBe(true);
      }
      for (const code of ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET']) {
        expect(retriesFailure(method, new NetworkError(method, URL, coded(code)))).toBe(false);
        expect(retriesFailure(method, fetchFailure(code))).toBe(false);
      }
      expect(retriesFailure(method, new DOMException('slow', 'TimeoutError'))).toBe(false);
      expect(retriesFailure(method, new TypeError('fetch failed'))).toBe(false);
      expect(retriesFailure(method, null)).toBe(false);
    },
  );

  it("never retries one of this package's own errors: an answer too large is not asked for again", () => {
    expect(retriesFailure('GET', new ResponseTooLargeError(10, 'GET', URL))).toBe(false);
    expect(retriesFailure('GET', new SkeTimeoutError(10, 'GET', URL))).toBe(false);
  });

  const options = resolveRetryOptions({ random: () => 0.5, baseDelayMs: 100, retryAfterCapMs: 20_000 });
  const now = Date.parse('2026-11-29T00:00:00Z');

  it('retries a retryOn status for a safe method: Retry-After when there is one, else backoff', () => {
    expect(retryDelay('GET', 503, null, 0, options, now)).toBe(50);
    expect(retryDelay('GET', 500, null, 1, options, now)).toBe(100);
    expect(retryDelay('GET', 503, '3', 0, options, now)).toBe(3000);
    expect(retryDelay('HEAD', 429, 'soon', 0, options, now)).toBe(50);
    expect(retryDelay('GET', 404, '1', 0, options, now)).toBeUndefined();
    expect(retryDelay('GET', 503, null, 0, resolveRetryOptions({ retryOn: [500] }), now)).toBeUndefined();
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'retries %s only on 429 or 503 with Retry-After, the service saying it did nothing',
    (method) => {
      expect(retryDelay(method, 503, '2', 0, options, now)).toBe(2000);
      expect(retryDelay(method, 429, '0', 0, options, now)).toBe(0);
      expect(retryDelay(method, 503, 'Sun, 29 Nov 2026 00:00:01 GMT', 0, options, now)).toBe(1000);
      expect(retryDelay(method, 503, null, 0, options, now)).toBeUndefined();
      expect(retryDelay(method, 429, 'soon', 0, options, now)).toBeUndefined();
      for (const status of [500, 502, 504]) expect(retryDelay(method, status, '1', 0, options, now)).toBeUndefined();
      expect(retryDelay(method, 503, '1', 0, resolveRetryOptions({ retryOn: [429] }), now)).toBeUndefined();
    },
  );
});
