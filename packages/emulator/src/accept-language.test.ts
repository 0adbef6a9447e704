/** The grammar of `Accept-Language` (RFC 9110 §12.5.4, RFC 4647 §2.1), element by element. */
import { describe, expect, it } from 'vitest';
import { isLanguageList } from './accept-language.js';

describe('isLanguageList', () => {
  it.each([
    'en-US',
    'ko-KR',
    'EN-us',
    '*',
    'en',
    'zh-Hant-TW',
    'abcdefgh-12345678',
    'en;q=0',
    'en;q=0.',
    'en;q=0.123',
    'en;q=1',
    'en;q=1.000',
    'en; q=0.5',
    'en ;Q=0.5',
    'en-US,en;q=0.9',
    'ko-KR, en;q=0.8, *;q=0.1',
    '\ten-US\t,\tko',
    '',
    ',',
    'en,,ko',
  ])('accepts %j', (value) => {
    expect(isLanguageList(value)).toBe(true);
  });

  it.each([
    'en_US',
    'abcdefghi',
    'en-123456789',
    '-en',
    'en-',
    '1en',
    'en;q=2',
    'en;q=1.5',
    'en;q=0.1234',
    'en;q=',
    'en;level=1',
    'en;',
    '**',
    'en US',
    'en-US\\u00a0',
    'en;q=0.5;q=0.4',
    '<script>',
    'en-US, en_US',
    'en_US,en-US',
  ])('refuses %j', (value) => {
    expect(isLanguageList(value.replace('\\u00a0', '\u00a0'))).toBe(false);
  });
});
