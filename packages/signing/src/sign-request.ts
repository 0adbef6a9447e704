/**
 * Sets the SCP signing headers over the URL exactly as it goes on the wire (never a decoded or
 * re-encoded copy) and the method as it is sent (upper case), on a `Request` or on a `Headers`,
 * with an injectable clock. `signingHeaders` is the unchecked core that the signed fetch uses once
 * its inputs are known to be well-formed.
 */
import type { CredentialValues } from './credentials.js';
import { SigningOptionError } from './errors.js';
import { hmacFastest, hmacSignature } from './hmac.js';
import {
  CLIENT_TYPE,
  normalizeMethod,
  normalizeTimestamp,
  refuseUserinfo,
  requireAbsoluteUrl,
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

/**
 * The URL as the server sees it: a fragment never goes on the wire, so it is never signed. A URL with
 * a user name or password is refused (`SigningOptionError` naming `url`, without quoting it).
 */
export function wireUrl(url: string): string {
  refuseUserinfo(url);
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * A caller's URL as it goes on the wire: parsed (so normalised as fetch and node:http send it), an
 * absolute http(s) URL without userinfo, without its fragment. Anything else is a
 * `SigningOptionError` naming `url` that never quotes it (it may hold a password).
 */
export function parseWireUrl(input: string | URL): string {
  const text = String(input);
  let href: string;
  try {
    href = new URL(text).href;
  } catch {
    requireAbsoluteUrl(text); // names what is wrong when it can (relative, another scheme, userinfo)
    throw new SigningOptionError('url', 'an absolute http(s) URL', 'a malformed URL');
  }
  return wireUrl(requireAbsoluteUrl(href));
}

/** The `Accept-Language` an option asks for: its value, `DEFAULT_LANGUAGE` when unset, null for none. */
export function resolveLanguage(language: string | null | undefined): string | null {
  return language === undefined ? DEFAULT_LANGUAGE : language;
}

/** The timestamp to sign: the local clock plus the learned offset, in whole milliseconds (checked). */
export function signingTimestamp(now: () => number = Date.now, clockOffsetMs = 0): string {
  return normalizeTimestamp(Math.round(now() + clockOffsetMs));
}

/** An HMAC: base64(HMAC-SHA256(secretKey, message)), synchronous (node:crypto) or a promise (Web Crypto). */
type Hmac = (secretKey: string, message: string) => string | Promise<string>;
type Signing = Record<string, string>;

/**
 * The signing headers (lower-case names) for `method` `url` at `timestamp`, plus `Accept-Language`
 * when `language` is a string. Unchecked: the method must be upper case, the URL absolute and
 * without a fragment, and the credentials validated (as `ScpCredentials` does). With the default
 * `hmac` (this build's fastest) they are ready at once in Node's build and a promise in the other.
 */
export function signingHeaders(
  method: string,
  url: string,
  credentials: CredentialValues,
  timestamp: string,
  language: string | null,
  hmac: (secretKey: string, message: string) => string,
): Signing;
export function signingHeaders(
  method: string,
  url: string,
  credentials: CredentialValues,
  timestamp: string,
  language?: string | null,
  hmac?: Hmac,
): Signing | Promise<Signing>;
export function signingHeaders(
  method: string,
  url: string,
  credentials: CredentialValues,
  timestamp: string,
  language: string | null = DEFAULT_LANGUAGE,
  hmac: Hmac = hmacFastest,
): Signing | Promise<Signing> {
  const { accessKey, accountId = '' } = credentials;
  const signature = hmac(
    credentials.secretKey,
    signedString(method, url, timestamp, accessKey, accountId, CLIENT_TYPE),
  );
  // Web Crypto: once the signature is in, the synchronous path below with it (no closure on Node's, per call).
  if (typeof signature !== 'string')
    return signature.then((value) => signingHeaders(method, url, credentials, timestamp, language, () => value));
  const headers: Signing = {
    'scp-accesskey': accessKey,
    'scp-timestamp': timestamp,
    'scp-signature': signature,
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

/** The signing headers for a request to `method` `url`, every input checked (the one that is wrong is named). */
function checkedSigningHeaders(method: string, url: string, options: SignRequestOptions, hmac: Hmac) {
  const { credentials } = options;
  const timestamp = signingTimestamp(options.now, options.clockOffsetMs);
  const wire = wireUrl(url);
  // Validates every input and names the one that is wrong; the core below assumes well-formed ones.
  stringToSign({ method, url: wire, timestamp, ...credentials });
  requireText('secretKey', credentials.secretKey);
  return signingHeaders(method.toUpperCase(), wire, credentials, timestamp, resolveLanguage(options.language), hmac);
}

/**
 * Sets the signing headers for a request to `method` `url` (the URL exactly as sent) on `headers`.
 * The method is signed upper case: send it upper case (the gateway verifies the method as received).
 * Synchronous (node:crypto): the build for other runtimes throws `ERR_SKE_SYNC_SIGNING_UNAVAILABLE`;
 * `signHeadersAsync` works in every build.
 */
export function signHeaders(headers: Headers, method: string, url: string, options: SignRequestOptions): Headers {
  return applySigningHeaders(headers, checkedSigningHeaders(method, url, options, hmacSignature) as Signing);
}

/** `signHeaders` in every runtime (node:crypto on Node, Web Crypto elsewhere); bad input rejects. */
export async function signHeadersAsync(
  headers: Headers,
  method: string,
  url: string,
  options: SignRequestOptions,
): Promise<Headers> {
  return applySigningHeaders(headers, await checkedSigningHeaders(method, url, options, hmacFastest));
}

/** The request to send: `request` itself when its method is upper case, else an upper-cased copy (see `signRequest`). */
function upperCased(request: Request): [Request, string] {
  const method = normalizeMethod(request.method);
  return [method === request.method ? request : new Request(request, { method }), method];
}

/**
 * Signs a `Request` over exactly `request.url` and returns the request to send: the same one, signed
 * in place, when its method is upper case (fetch upper-cases GET, POST, PUT, DELETE, HEAD and OPTIONS
 * itself); otherwise a copy with the method upper-cased, signed (the original is left unsigned), so
 * that the method sent is the method signed. Synchronous (node:crypto): the build for other runtimes
 * throws `ERR_SKE_SYNC_SIGNING_UNAVAILABLE`; `signRequestAsync` works in every build.
 */
export function signRequest(request: Request, options: SignRequestOptions): Request {
  const [outgoing, method] = upperCased(request);
  signHeaders(outgoing.headers, method, outgoing.url, options);
  return outgoing;
}

/** `signRequest` in every runtime (node:crypto on Node, Web Crypto elsewhere); bad input rejects. */
export async function signRequestAsync(request: Request, options: SignRequestOptions): Promise<Request> {
  const [outgoing, method] = upperCased(request);
  await signHeadersAsync(outgoing.headers, method, outgoing.url, options);
  return outgoing;
}

/** Headers as a plain object for logs, with the signature replaced by `[redacted]`. */
export function redactedHeaders(headers: ReplyHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = /^(scp-signature|authorization|cookie)$/i.test(name) ? '[redacted]' : value;
  });
  return result;
}
