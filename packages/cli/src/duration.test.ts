import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { UsageError } from './usage.js';

const HOUR = 3_600_000;
const parse = (text: string) => parseDuration(text, '--timeout', HOUR, '1 hour');

describe('parseDuration', () => {
  it('reads bare seconds and numbers with units, alone or together', () => {
    expect(parse('30')).toBe(30_000);
    expect(parse('2.5')).toBe(2500);
    expect(parse(' 45s ')).toBe(45_000);
    expect(parse('500ms')).toBe(500);
    expect(parse('2m')).toBe(120_000);
    expect(parse('1h')).toBe(HOUR);
    expect(parse('0.5m30s')).toBe(60_000);
    expect(parseDuration('1h30m', '--timeout', 24 * HOUR, '24 hours')).toBe(90 * 60_000);
  });

  it('refuses zero, a value over the limit, and anything but numbers and units, naming the flag and the limit', () => {
    for (const text of ['0', '0s', '0.1ms', '1h1ms', '', 'abc', '5x', '1h 30m', '-5', '30s!', 's']) {
      expect(() => parse(text)).toThrow(UsageError);
    }
    expect(() => parse('2h')).toThrow(
      '--timeout: expected seconds (30) or a duration (500ms, 45s, 2m, 1h30m) from 1 ms up to 1 hour, received "2h"',
    );
  });
});
