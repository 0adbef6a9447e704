import { computeSignature } from '@scp-ske/signing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedSignature } from './expected-signature.js';
import type { EmulatorCredentials } from './fixtures.js';

const request = {
  method: 'GET',
  url: 'http://127.0.0.1:8080/v1/clusters?size=1',
  timestamp: '1764600000000',
  accessKey: 'SKEDEMOACCESSKEY0001',
  accountId: '',
};

/** computeSignature's answer, or the class of what it throws. */
function signed(sign: () => string): string {
  try {
    return sign();
  } catch (error) {
    return `throws ${(error as Error).name}`;
  }
}

describe('expectedSignature', () => {
  it('is what computeSignature writes, for any request and secret', () => {
    const text = (maxLength: number) => fc.string({ maxLength, unit: 'binary' });
    const plain = (maxLength: number) => fc.string({ maxLength, unit: fc.constantFrom(...'az09-_~/?=&%.') });
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'get', 'POST', 'M-SEARCH', ''),
        fc.oneof(
          text(80).map((path) => `http://127.0.0.1:8080/${path}`),
          text(40),
        ),
        fc.oneof(fc.constant('1764600000000'), text(5)),
        fc.oneof(fc.constant('SKEDEMOACCESSKEY0001'), text(10)),
        fc.oneof(fc.constant(''), text(33)),
        fc.oneof(plain(30), text(120)),
        (method, url, timestamp, accessKey, accountId, secretKey) => {
          const credentials: EmulatorCredentials = { accessKey, secretKey };
          const input = { method, url, timestamp, accessKey, accountId };
          const ours = signed(() => expectedSignature(credentials, input));
          const theirs = signed(() => computeSignature({ ...input, secretKey }));
          expect(ours.startsWith('throws')).toBe(theirs.startsWith('throws'));
          if (theirs.startsWith('throws')) return;
          expect(ours).toBe(theirs);
          compared += 1;
        },
      ),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(200);
  });

  it('keys a secret anew when the credentials it was keyed for change', () => {
    const credentials: EmulatorCredentials = { accessKey: request.accessKey, secretKey: 'first-secret' };
    expect(expectedSignature(credentials, request)).toBe(computeSignature({ ...request, secretKey: 'first-secret' }));
    credentials.secretKey = 'second-secret';
    expect(expectedSignature(credentials, request)).toBe(computeSignature({ ...request, secretKey: 'second-secret' }));
  });

  it('throws, as computeSignature does, for an empty secret and a malformed method or URL', () => {
    expect(() => expectedSignature({ accessKey: 'A', secretKey: '' }, request)).toThrow();
    expect(() => expectedSignature({ accessKey: 'A', secretKey: 's' }, { ...request, method: 'G T' })).toThrow();
    expect(() => expectedSignature({ accessKey: 'A', secretKey: 's' }, { ...request, url: '/v1/clusters' })).toThrow();
  });
});
