/**
 * Whether a request carries the signature `computeSignature` (@scp-ske/signing) writes for it:
 * base64 of HMAC-SHA256 under the key's secret over SCP's string to sign (`stringToSign`, which also
 * refuses a malformed method or URL), the HMAC keyed once per secret (keyed-hmac.ts) instead of once
 * per request, the base64 compared in constant time (base64-match.ts). Throws where
 * `computeSignature` throws.
 */
import { type SignatureInput, stringToSign } from '@scp-ske/signing';
import { matchesBase64 } from './base64-match.js';
import type { EmulatorCredentials } from './fixtures.js';
import { type KeyedHmac, keyedHmacSha256 } from './keyed-hmac.js';

/** Each key's HMAC, with the secret it was keyed with (a key whose secret changes is keyed again). */
const keyed = new WeakMap<EmulatorCredentials, { secret: string; hmac: KeyedHmac }>();

export function signatureMatches(
  credentials: EmulatorCredentials,
  request: Omit<SignatureInput, 'secretKey' | 'clientType'>,
  received: string,
): boolean {
  // The string to sign holds no secret (stringToSign never reads secretKey).
  const message = stringToSign(request as SignatureInput);
  const secret: unknown = credentials.secretKey;
  if (typeof secret !== 'string' || secret === '') {
    // Stryker disable next-line StringLiteral: message text
    throw new TypeError('secretKey: expected a non-empty string');
  }
  let entry = keyed.get(credentials);
  if (entry === undefined || entry.secret !== secret) {
    entry = { secret, hmac: keyedHmacSha256(secret) };
    keyed.set(credentials, entry);
  }
  return matchesBase64(received, entry.hmac(message));
}
