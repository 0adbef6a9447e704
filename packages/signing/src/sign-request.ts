/**
 * Sets the SCP signing headers over the URL exactly as it goes on the wire (never a decoded or
 * re-encoded copy), on a `Request` or on a `Headers`, with an injectable clock.
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

/** The URL as the server sees it: a fragment never goes on the wire, so it is never signed. */
export function wireUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** Sets the signing headers for a request to `method` `url` (the URL exactly as sent) on `headers`. */
export function signHeaders(headers: Headers, method: string, url: string, options: SignRequestOptions): Headers {
  const { credentials } = options;
  const timestamp = Math.round((options.now ?? Date.now)() + (options.clockOffsetMs ?? 0));
  const signature = computeSignature({
    method,
    url: wireUrl(url),
    timestamp,
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    accountId: credentials.accountId,
  });
  headers.set(SIGNING_HEADERS.accessKey, credentials.accessKey);
  headers.set(SIGNING_HEADERS.timestamp, String(timestamp));
  headers.set(SIGNING_HEADERS.signature, signature);
  headers.set(SIGNING_HEADERS.clientType, CLIENT_TYPE);
  if (credentials.accountId) headers.set(SIGNING_HEADERS.accountId, credentials.accountId);
  else headers.delete(SIGNING_HEADERS.accountId);
  const language = options.language === undefined ? DEFAULT_LANGUAGE : options.language;
  if (language !== null && !headers.has('Accept-Language')) headers.set('Accept-Language', language);
  return headers;
}

/** Signs a `Request` in place, over exactly `request.url`, and returns it. */
export function signRequest(request: Request, options: SignRequestOptions): Request {
  signHeaders(request.headers, request.method, request.url, options);
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
