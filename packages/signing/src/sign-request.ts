/**
 * Sets the SCP signing headers over the URL exactly as it goes on the wire (never a decoded or
 * re-encoded copy), on a `Request` or on a `Headers`, with an injectable clock. `signingHeaders`
 * is the unchecked core that the signed fetch uses once its inputs are known to be well-formed.
 */
import type { CredentialValues } from './credentials.js';
import {
  CLIENT_TYPE,
  hmacSignature,
  normalizeTimestamp,
  requireText,
  signedString,
  stringToSign,
} from './signature.js';
import type { ReplyHeaders } from './signed-attempts.js';

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

/** The `Accept-Language` an option asks for: its value, `DEFAULT_LANGUAGE` when unset, null for none. */
export function resolveLanguage(language: string | null | undefined): string | null {
  return language === undefined ? DEFAULT_LANGUAGE : language;
}

/** The timestamp to sign: the local clock plus the learned offset, in whole milliseconds (checked). */
export function signingTimestamp(now: () => number = Date.now, clockOffsetMs = 0): string {
  return normalizeTimestamp(Math.round(now() + clockOffsetMs));
}

/**
 * The signing headers (lower-case names) for `method` `url` at `timestamp`, plus `Accept-Language`
 * when `language` is a string. Unchecked: the method must be upper case, the URL absolute and
 * without a fragment, and the credentials validated (as `ScpCredentials` does).
 */
export function signingHeaders(
  method: string,
  url: string,
  credentials: CredentialValues,
  timestamp: string,
  language: string | null = DEFAULT_LANGUAGE,
): Record<string, string> {
  const { accessKey, accountId = '' } = credentials;
  const message = signedString(method, url, timestamp, accessKey, accountId, CLIENT_TYPE);
  const headers: Record<string, string> = {
    'scp-accesskey': accessKey,
    'scp-timestamp': timestamp,
    'scp-signature': hmacSignature(credentials.secretKey, message),
    'scp-clienttype': CLIENT_TYPE,
  };
  if (accountId) headers['scp-accountid'] = accountId;
  if (language !== null) headers['accept-language'] = language;
  return headers;
}

/** Applies `signingHeaders` to a `Headers`: the signature's own headers replace any there, the language only fills a gap. */
export function applySigningHeaders(headers: Headers, signing: Record<string, string>): Headers {
  headers.delete('scp-accountid');
  for (const [name, value] of Object.entries(signing)) {
    if (name !== 'accept-language' || !headers.has(name)) headers.set(name, value);
  }
  return headers;
}

/** Sets the signing headers for a request to `method` `url` (the URL exactly as sent) on `headers`. */
export function signHeaders(headers: Headers, method: string, url: string, options: SignRequestOptions): Headers {
  const { credentials } = options;
  const timestamp = signingTimestamp(options.now, options.clockOffsetMs);
  const wire = wireUrl(url);
  // Validates every input and names the one that is wrong; the core below assumes well-formed ones.
  stringToSign({ method, url: wire, timestamp, ...credentials });
  requireText('secretKey', credentials.secretKey);
  return applySigningHeaders(
    headers,
    signingHeaders(method.toUpperCase(), wire, credentials, timestamp, resolveLanguage(options.language)),
  );
}

/** Signs a `Request` in place, over exactly `request.url`, and returns it. */
export function signRequest(request: Request, options: SignRequestOptions): Request {
  signHeaders(request.headers, request.method, request.url, options);
  return request;
}

/** Headers as a plain object for logs, with the signature replaced by `[redacted]`. */
export function redactedHeaders(headers: ReplyHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = /^(scp-signature|authorization|cookie)$/i.test(name) ? '[redacted]' : value;
  });
  return result;
}
