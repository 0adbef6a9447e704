/**
 * Whether a request carries the signature `computeSignature` (@scp-ske/signing) writes for it:
 * base64 of HMAC-SHA256 under the key's secret over SCP's string to sign (`stringToSign`, which also
 * refuses a malformed method or URL), by node:crypto's `createHmac`, the base64 compared with the
 * digest in constant time (base64-match.ts). The secret becomes a `KeyObject` once per credentials
 * object, not once per request (in one run about 2.9 µs an HMAC instead of 3.6 µs). Throws where
 * `computeSignature` throws.
 */
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { type SignatureInput, stringToSign } from '@scp-ske/signing';
import { matchesBase64 } from './base64-match.js';
import type { EmulatorCredentials } from './fixtures.js';

/** Each key's secret as a KeyObject, with the secret it was made from (a key whose secret changes gets a new one). */
const keys = new WeakMap<EmulatorCredentials, { secret: string; key: KeyObject }>();

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
  let entry = keys.get(credentials);
  if (entry === undefined || entry.secret !== secret) {
    entry = { secret, key: createSecretKey(secret, 'utf8') };
    keys.set(credentials, entry);
  }
  return matchesBase64(received, createHmac('sha256', entry.key).update(message, 'utf8').digest());
}
