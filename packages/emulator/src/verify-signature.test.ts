import { computeSignature } from '@scp-ske/signing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EmulatorCredentials } from './fixtures.js';
import { propertyRuns } from './testing/property-runs.js';
import { signatureMatches } from './verify-signature.js';

const request = {
  method: 'GET',
  url: 'http://127.0.0.1:8080/v1/clusters?size=1',
  timestamp: '1764600000000',
  accessKey: 'SKEDEMOACCESSKEY0001',
  accountId: '',
};

/** The signature, or `throws` when it cannot be computed. */
function signed(sign: () => string): string {
  try {
    return sign();
  } catch {
    return 'throws';
  }
}

/** Whether a signature matches, or `throws`. */
function matched(check: () => boolean): boolean | 'throws' {
  try {
    return check();
  } catch {
    return 'throws';
  }
}

describe('signatureMatches', () => {
  it("accepts computeSignature's signature of any request and secret, refuses any other, throws where it throws", () => {
    const text = (maxLength: number) => fc.string({ maxLength, unit: 'binary' });
    const plain = (maxLength: number) => fc.string({ maxLength, unit: fc.constantFrom(...'az09-_~/?=&%.') });
    let compared = 0;
    const runs = propertyRuns(3000);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'get', 'POST', 'M-SEARCH', ''),
        fc.oneof(
          plain(80).map((path) => `http://127.0.0.1:8080/${path}`),
          text(80).map((path) => `http://127.0.0.1:8080/${path}`),
          text(40),
        ),
        fc.oneof(fc.constant('1764600000000'), text(5)),
        fc.oneof(fc.constant('SKEDEMOACCESSKEY0001'), text(10)),
        fc.oneof(fc.constant(''), text(33)),
        fc.oneof(plain(30), text(120)),
        fc.nat(),
        (method, url, timestamp, accessKey, accountId, secretKey, position) => {
          const credentials: EmulatorCredentials = { accessKey, secretKey };
          const input = { method, url, timestamp, accessKey, accountId };
          const theirs = signed(() => computeSignature({ ...input, secretKey }));
          const check = (signature: string) => matched(() => signatureMatches(credentials, input, signature));
          if (theirs === 'throws') {
            expect(check('c2lnbmF0dXJl')).toBe('throws');
            return;
          }
          expect(check(theirs)).toBe(true);
          const at = position % theirs.length;
          const other = theirs[at] === 'A' ? 'B' : 'A';
          expect(check(theirs.slice(0, at) + other + theirs.slice(at + 1))).toBe(false);
          compared += 1;
        },
      ),
      { numRuns: runs },
    );
    // About one request in ten can be signed at all: enough of them were compared.
    expect(compared).toBeGreaterThan(runs / 15);
  });

  it('keys a secret anew when the credentials it was keyed for change', () => {
    const credentials: EmulatorCredentials = { accessKey: request.accessKey, secretKey: 'first-secret' };
    const first = computeSignature({ ...request, secretKey: 'first-secret' });
    const second = computeSignature({ ...request, secretKey: 'second-secret' });
    expect(signatureMatches(credentials, request, first)).toBe(true);
    credentials.secretKey = 'second-secret';
    expect(signatureMatches(credentials, request, first)).toBe(false);
    expect(signatureMatches(credentials, request, second)).toBe(true);
  });

  it('throws, as computeSignature does, for an empty secret and a malformed method or URL', () => {
    const check = (credentials: EmulatorCredentials, input: typeof request) => () =>
      signatureMatches(credentials, input, 'c2lnbmF0dXJl');
    expect(check({ accessKey: 'A', secretKey: '' }, request)).toThrow(TypeError);
    // Not a string, though Buffer.from would read it as three zero bytes.
    expect(check({ accessKey: 'A', secretKey: { length: 3 } as never }, request)).toThrow(TypeError);
    expect(check({ accessKey: 'A', secretKey: 's' }, { ...request, method: 'G T' })).toThrow();
    expect(check({ accessKey: 'A', secretKey: 's' }, { ...request, url: '/v1/clusters' })).toThrow();
  });
});
