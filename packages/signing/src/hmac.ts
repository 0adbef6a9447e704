/**
 * The HMAC behind every signature, Node's build: `node:crypto`, synchronous. The other build
 * (`hmac.web.ts`, chosen by the `exports` conditions of the package: see tsdown.config.ts) signs with
 * Web Crypto, which only answers asynchronously. Both give base64(HMAC-SHA256(secretKey, message)),
 * bit for bit the same (the test vectors are checked through both).
 */
import { createHmac } from 'node:crypto';

/** base64(HMAC-SHA256(secretKey, message)), synchronously; the other build throws (it has no synchronous HMAC). */
export function hmacSignature(secretKey: string, message: string): string {
  return createHmac('sha256', secretKey).update(message, 'utf8').digest('base64');
}

/** base64(HMAC-SHA256(secretKey, message)) as a promise: what every build can do. */
export async function hmacSignatureAsync(secretKey: string, message: string): Promise<string> {
  return hmacSignature(secretKey, message);
}

/** The fastest HMAC of this build, for the signed transports: synchronous here, a promise in the other build. */
export const hmacFastest: (secretKey: string, message: string) => string | Promise<string> = hmacSignature;
