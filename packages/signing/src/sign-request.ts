/**
 * Signs a `Request` in place: sets the SCP signing headers over exactly `request.url`, the URL as it
 * goes on the wire (never a decoded or re-encoded copy), with an injectable clock.
 */
import type { CredentialValues } from './credentials.js';
import { CLIENT_TYPE, computeSignature } from './signature.js';

export const SIGNING_HEADERS = {
  accessKey: 'Scp-AccessKey',
  timestamp: 'Scp-Timestamp',
  signature: 'Scp-Signature',
  clientType: 'Scp-ClientType',
  accountId: 'Scp-AccountId',
} as const;

export const DEFAULT_LANGUAGE = 'en-US';

export interface SignRequestOptions {
  credentials: CredentialValues;
  /** Local clock in epoch milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Added to the local clock (see ClockSkew). Default 0. */
  clockOffsetMs?: number;
  /** `Accept-Language` set when the request has none; `null` sets none. Default `en-US`. */
  language?: string | null;
}

export function signRequest(request: Request, options: SignRequestOptions): Request {
  const { credentials } = options;
  const timestamp = Math.round((options.now ?? Date.now)() + (options.clockOffsetMs ?? 0));
  const signature = computeSignature({
    method: request.method,
    url: request.url,
    timestamp,
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    accountId: credentials.accountId,
  });
  const { headers } = request;
  headers.set(SIGNING_HEADERS.accessKey, credentials.accessKey);
  headers.set(SIGNING_HEADERS.timestamp, String(timestamp));
  headers.set(SIGNING_HEADERS.signature, signature);
  headers.set(SIGNING_HEADERS.clientType, CLIENT_TYPE);
  if (credentials.accountId) headers.set(SIGNING_HEADERS.accountId, credentials.accountId);
  else headers.delete(SIGNING_HEADERS.accountId);
  const language = options.language === undefined ? DEFAULT_LANGUAGE : options.language;
  if (language !== null && !headers.has('Accept-Language')) headers.set('Accept-Language', language);
  return request;
}

/** Headers as a plain object for logs, with the signature replaced by `[redacted]`. */
export function redactedHeaders(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = /^(scp-signature|authorization|cookie)$/i.test(name) ? '[redacted]' : value;
  });
  return result;
}
