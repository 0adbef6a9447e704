/**
 * The HMAC behind every signature outside Node (browsers, workerd, any runtime resolving the
 * `default` condition): Web Crypto's HMAC-SHA256 (`crypto.subtle`), which only answers
 * asynchronously, so the synchronous `hmacSignature` throws here and points to the async functions.
 * Bit for bit the same signatures as `hmac.ts` (node:crypto): the test vectors are checked through both.
 */
import { SkeError } from './errors.js';
import type * as NodeHmac from './hmac.js';

/** Thrown by `computeSignature`, `signHeaders` and `signRequest` in the build without node:crypto. */
function syncHmacUnavailable(): never {
  throw new SkeError(
    'ERR_SKE_SYNC_SIGNING_UNAVAILABLE',
    // Stryker disable next-line StringLiteral: message text
    'Synchronous signing needs node:crypto, which this build of @scp-ske/signing (for runtimes other than Node) does not load: use computeSignatureAsync, signHeadersAsync or signRequestAsync.',
  );
}

export const hmacSignature: typeof NodeHmac.hmacSignature = syncHmacUnavailable;

const encoder = new TextEncoder();
/** The last secret key imported, with its `CryptoKey`: a client signs with one key, and an import costs more than the HMAC. */
let lastKey: { secretKey: string; key: Promise<CryptoKey> } | undefined;

function importKey(secretKey: string): Promise<CryptoKey> {
  if (lastKey?.secretKey !== secretKey) {
    const key = crypto.subtle.importKey('raw', encoder.encode(secretKey), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    lastKey = { secretKey, key };
  }
  return lastKey.key;
}

/** Bytes as base64 (a 32-byte MAC: `btoa` over its binary string is enough). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export const hmacSignatureAsync: typeof NodeHmac.hmacSignatureAsync = async (secretKey, message) => {
  const mac = await crypto.subtle.sign('HMAC', await importKey(secretKey), encoder.encode(message));
  return toBase64(new Uint8Array(mac));
};

export const hmacFastest: typeof NodeHmac.hmacFastest = hmacSignatureAsync;
