/** The call limits' defaults and checks, each bound pinned: the value at it accepted, one past it refused. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_RESPONSE_BYTES_CEILING,
  resolveCallLimits,
} from './call-limits.js';
import { SigningOptionError } from './errors.js';
import { createSignedFetch, createSignedGet } from './signed-fetch.js';

describe('resolveCallLimits', () => {
  it('documents its defaults: 60 s, 16 MiB, redirects not followed', () => {
    expect(resolveCallLimits({})).toEqual({ timeoutMs: 60_000, maxResponseBytes: 16_777_216, followRedirects: false });
    expect([DEFAULT_TIMEOUT_MS, DEFAULT_MAX_RESPONSE_BYTES, MAX_RESPONSE_BYTES_CEILING]).toEqual([
      60_000, 16_777_216, 268_435_456,
    ]);
  });

  it('keeps what it is given, at the bounds', () => {
    expect(resolveCallLimits({ timeoutMs: 1, maxResponseBytes: 0, followRedirects: true })).toEqual({
      timeoutMs: 1,
      maxResponseBytes: 0,
      followRedirects: true,
    });
    expect(resolveCallLimits({ timeoutMs: 2 ** 31 - 1, maxResponseBytes: 256 * 1024 * 1024 })).toMatchObject({
      timeoutMs: 2_147_483_647,
      maxResponseBytes: 268_435_456,
    });
  });

  it.each([
    ['timeoutMs', 0, 'timeoutMs: expected a whole number from 1 to 2147483647, received 0'],
    ['timeoutMs', 2 ** 31, 'timeoutMs: expected a whole number from 1 to 2147483647, received 2147483648'],
    ['timeoutMs', 1.5, 'timeoutMs: expected a whole number from 1 to 2147483647, received 1.5'],
    ['timeoutMs', '5000', 'timeoutMs: expected a whole number from 1 to 2147483647, received a string of 4 characters'],
    ['maxResponseBytes', -1, 'maxResponseBytes: expected a whole number from 0 to 268435456, received -1'],
    [
      'maxResponseBytes',
      256 * 1024 * 1024 + 1,
      'maxResponseBytes: expected a whole number from 0 to 268435456, received 268435457',
    ],
    ['maxResponseBytes', Number.POSITIVE_INFINITY, /^maxResponseBytes: .* received Infinity$/],
    ['followRedirects', 'yes', 'followRedirects: expected true or false, received a string of 3 characters'],
    ['followRedirects', 1, 'followRedirects: expected true or false, received a number'],
    ['followRedirects', null, 'followRedirects: expected true or false, received null'],
  ])('refuses %s = %j, naming it', (option, value, message) => {
    const error = (() => {
      try {
        resolveCallLimits({ [option]: value });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error).toMatchObject({ option, code: 'ERR_SKE_SIGNING_OPTION' });
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  });

  it('is checked when a transport is created, before any call', () => {
    expect(() => createSignedFetch({ timeoutMs: 0 })).toThrow(SigningOptionError);
    expect(() => createSignedGet({ maxResponseBytes: -1 })).toThrow(SigningOptionError);
  });
});
