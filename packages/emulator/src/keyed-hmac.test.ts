import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedHmacSha256 } from './keyed-hmac.js';
import { propertyRuns } from './testing/property-runs.js';

/** base64 of the HMAC under `key`, as node:crypto writes it. */
const keyed = (key: string) => {
  const hmac = keyedHmacSha256(key);
  return (message: string) => Buffer.from(hmac(message)).toString('base64');
};

const nodeHmac = (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('base64');

describe('keyedHmacSha256', () => {
  it("matches RFC 4231's test case 2", () => {
    const hex = Buffer.from(keyedHmacSha256('Jefe')('what do ya want for nothing?')).toString('hex');
    expect(hex).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('matches node:crypto at every length around the block and padding boundaries, keys up to 200 bytes', () => {
    for (const keyLength of [0, 1, 32, 63, 64, 65, 200]) {
      const key = 'k'.repeat(keyLength);
      const hmac = keyed(key);
      for (let length = 0; length <= 260; length++) {
        const message = 'm'.repeat(length);
        expect(hmac(message), `key ${keyLength}, message ${length}`).toBe(nodeHmac(key, message));
      }
    }
  });

  it('matches node:crypto for messages far longer than its first buffer, growing it as it goes', () => {
    const hmac = keyed('key');
    // 300 KB of three-byte characters (the buffer starts at 1 KB), then 3 MB: a length over 2^24 bits.
    for (const message of ['€'.repeat(100_000), 'a'.repeat(3_000_000)]) {
      expect(hmac(message)).toBe(nodeHmac('key', message));
    }
  });

  it('matches node:crypto for any key and message, Unicode and lone surrogates included, one key after another', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100, unit: 'binary' }),
        fc.string({ maxLength: 600, unit: 'binary' }),
        (key, message) => {
          expect(keyed(key)(message)).toBe(nodeHmac(key, message));
        },
      ),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('encodes lone surrogates as Buffer does (U+FFFD), in the key and in the message', () => {
    for (const [key, message] of [
      ['\ud800', 'a\udfffb'],
      ['k\udc00', '\ud83d'],
      ['ключ', 'GET http://é/😀'],
    ] as const) {
      expect(keyed(key)(message)).toBe(nodeHmac(key, message));
    }
  });

  it('gives the same answer however many messages, long or short, came before', () => {
    const hmac = keyed('ske-emulator-demo-secret-0001');
    const first = hmac('GEThttp://127.0.0.1:8080/v1/clusters1764600000000SKEDEMOACCESSKEY0001Openapi');
    hmac('x'.repeat(100_000));
    expect(hmac('GEThttp://127.0.0.1:8080/v1/clusters1764600000000SKEDEMOACCESSKEY0001Openapi')).toBe(first);
  });
});
