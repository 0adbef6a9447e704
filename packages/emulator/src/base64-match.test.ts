import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesBase64 } from './base64-match.js';
import { propertyRuns } from './testing/property-runs.js';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('matchesBase64', () => {
  it("accepts the bytes' own base64, at every length (padding included)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (bytes) => {
        expect(matchesBase64(base64(bytes), bytes)).toBe(true);
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('refuses any other text: one character changed, cut, lengthened, unpadded or URL-safe', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
        (bytes, position, replacement) => {
          const text = base64(bytes);
          const at = position % text.length;
          const changed = text.slice(0, at) + replacement + text.slice(at + 1);
          expect(matchesBase64(changed, bytes)).toBe(changed === text);
          expect(matchesBase64(text.slice(0, -1), bytes)).toBe(false);
          expect(matchesBase64(`${text}A`, bytes)).toBe(false);
          expect(matchesBase64(text.replace(/=+$/, ''), bytes)).toBe(!text.endsWith('='));
        },
      ),
      { numRuns: propertyRuns(2000) },
    );
    const digest = Uint8Array.from({ length: 32 }, (_, i) => 250 - i * 7);
    const text = base64(digest);
    expect(text).toMatch(/[+/]/);
    expect(matchesBase64(text.replaceAll('+', '-').replaceAll('/', '_'), digest)).toBe(false);
  });

  it('refuses text whose characters only match modulo 256', () => {
    const bytes = new Uint8Array([0, 0, 0]);
    expect(matchesBase64('AAAA', bytes)).toBe(true);
    expect(matchesBase64('\u0141AAA', bytes)).toBe(false);
  });
});
