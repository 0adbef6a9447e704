import { describe, expect, it } from 'vitest';
import { backoffDelay, resolveRetryOptions, retryAfterDelay, sleep } from './retry.js';

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
    ['attemptTimeoutMs', 0, /^retry\.attemptTimeoutMs: expected a whole number ≥ 1/],
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
