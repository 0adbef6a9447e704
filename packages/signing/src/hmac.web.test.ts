/**
 * The Web Crypto HMAC (the build for runtimes other than Node) against node:crypto's (Node's build):
 * every test vector, and random keys and messages (any UTF-8), bit for bit the same signature.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SkeError } from './errors.js';
import * as node from './hmac.js';
import * as web from './hmac.web.js';
import { stringToSign } from './signature.js';

interface Vector {
  name: string;
  method: string;
  url: string;
  timestamp: number | string;
  accessKey: string;
  secretKey: string;
  accountId?: string;
  stringToSign: string;
  signature: string;
}
const vectors: Vector[] = JSON.parse(readFileSync(new URL('../test-vectors/vectors.json', import.meta.url), 'utf8'));

describe('the Web Crypto HMAC', () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))(
    '%s: the same signature as node:crypto and as the vector',
    async (_name, vector) => {
      expect(stringToSign(vector)).toBe(vector.stringToSign);
      const signature = await web.hmacSignatureAsync(vector.secretKey, vector.stringToSign);
      expect(signature).toBe(vector.signature);
      expect(signature).toBe(node.hmacSignature(vector.secretKey, vector.stringToSign));
      expect(await web.hmacFastest(vector.secretKey, vector.stringToSign)).toBe(vector.signature);
      expect(await node.hmacSignatureAsync(vector.secretKey, vector.stringToSign)).toBe(vector.signature);
    },
  );

  it('agrees with node:crypto on any key and message, one key after another', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), async (k, m) => {
        expect(await web.hmacSignatureAsync(k, m)).toBe(node.hmacSignature(k, m));
      }),
      { numRuns: 200 },
    );
  });

  it('signs with the key it is given, not the last one it imported', async () => {
    const first = await web.hmacSignatureAsync('key-one', 'message');
    const second = await web.hmacSignatureAsync('key-two', 'message');
    expect(first).toBe(node.hmacSignature('key-one', 'message'));
    expect(second).toBe(node.hmacSignature('key-two', 'message'));
    expect(await web.hmacSignatureAsync('key-one', 'message')).toBe(first);
  });

  it('has no synchronous HMAC: it throws a SkeError that names the async functions', () => {
    const error = (() => {
      try {
        web.hmacSignature('key', 'message');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SkeError);
    expect(error).toMatchObject({ code: 'ERR_SKE_SYNC_SIGNING_UNAVAILABLE' });
    expect((error as Error).message).toMatch(/computeSignatureAsync/);
  });

  it('writes bytes as base64', () => {
    expect(web.toBase64(new Uint8Array([]))).toBe('');
    expect(web.toBase64(new Uint8Array([0, 255, 128, 1]))).toBe(Buffer.from([0, 255, 128, 1]).toString('base64'));
  });

  it('is the synchronous one in Node’s build', () => {
    expect(node.hmacFastest).toBe(node.hmacSignature);
    expect(typeof node.hmacFastest('k', 'm')).toBe('string');
    expect(web.hmacFastest('k', 'm')).toBeInstanceOf(Promise);
  });
});
