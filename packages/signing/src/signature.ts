/**
 * SCP's request signature: base64(HMAC-SHA256(secretKey, METHOD + URL + TIMESTAMP + ACCESS_KEY +
 * ACCOUNT_ID + CLIENT_TYPE)), a plain concatenation over the exact URL string sent on the wire.
 * Pure; inputs are validated and every failure names its option. `computeSignature` is synchronous
 * (node:crypto, Node's build only); `computeSignatureAsync` works in every build (Web Crypto outside Node).
 */
import { describeValue, SigningOptionError } from './errors.js';
import { hmacSignature, hmacSignatureAsync } from './hmac.js';

/** The only client type SCP's gateway accepts. */
export const CLIENT_TYPE = 'Openapi';

export interface SignatureInput {
  /** HTTP method; upper-cased before signing (send it upper case too: the gateway verifies the method as received). */
  method: string;
  /** The absolute URL exactly as it goes on the wire (scheme, host, port, path, `?query`). */
  url: string;
  /** Unix time in milliseconds, as a number or a decimal string. */
  timestamp: number | string;
  accessKey: string;
  secretKey: string;
  /** Sent as `Scp-AccountId` when set; part of the signed string either way (empty when absent). */
  accountId?: string | undefined;
  /** Defaults to `Openapi`. */
  clientType?: string | undefined;
}

const METHOD = /^[A-Za-z]+$/;
const MILLISECONDS = /^\d{1,16}$/;

export function requireText(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '')
    throw new SigningOptionError(option, 'a non-empty string', describeValue(value));
  return value;
}

/** The timestamp as its decimal string; throws unless it is a finite, non-negative whole number of ms. */
export function normalizeTimestamp(timestamp: unknown, option = 'timestamp'): string {
  const text = typeof timestamp === 'number' && Number.isSafeInteger(timestamp) ? String(timestamp) : timestamp;
  if (typeof text !== 'string' || !MILLISECONDS.test(text)) {
    throw new SigningOptionError(
      option,
      'Unix time in milliseconds (a non-negative whole number)',
      describeValue(timestamp),
    );
  }
  return text;
}

/** The method as it is signed and sent: upper case. Throws unless it is a method name (letters only). */
export function normalizeMethod(method: unknown, option = 'method'): string {
  const text = requireText(option, method);
  if (!METHOD.test(text)) {
    // Stryker disable next-line StringLiteral: message text
    throw new SigningOptionError(option, 'an HTTP method name such as GET', 'other characters');
  }
  return text.toUpperCase();
}

/** Absolute http(s) URL with a host; checked by pattern, since parsing would cost more than the HMAC. */
const ABSOLUTE_HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#][^\s]*)?$/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** `user[:password]@` before the host. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i;

/**
 * Throws for a URL with a user name or password: it never goes on the wire as such (node:http would
 * send it as Basic auth, a log would print it), and SCP authenticates by the signing headers alone.
 * The error never quotes the URL.
 */
export function refuseUserinfo(url: string): void {
  if (USERINFO.test(url)) {
    throw new SigningOptionError(
      'url',
      'a URL without a user name or password (SCP authenticates with the signing headers)',
      'a URL with userinfo',
    );
  }
}

/** An absolute http(s) URL without userinfo, as given; `SigningOptionError` naming `url` otherwise. */
export function requireAbsoluteUrl(url: unknown): string {
  const text = requireText('url', url);
  refuseUserinfo(text);
  if (ABSOLUTE_HTTP_URL.test(text)) return text;
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') {
    throw new SigningOptionError('url', 'an http: or https: URL', `a ${scheme}: URL`);
  }
  throw new SigningOptionError(
    'url',
    'an absolute http(s) URL such as https://ske.kr-west1.e.samsungsdscloud.com/…',
    'a relative or malformed URL',
  );
}

/** The exact string SCP signs, for diagnosing a signature mismatch. Contains no secret. */
export function stringToSign(input: SignatureInput): string {
  const method = normalizeMethod(input.method);
  const url = requireAbsoluteUrl(input.url);
  const timestamp = normalizeTimestamp(input.timestamp);
  const accessKey = requireText('accessKey', input.accessKey);
  const accountId = input.accountId ?? '';
  if (typeof accountId !== 'string') {
    // Stryker disable next-line StringLiteral: message text
    throw new SigningOptionError('accountId', 'a string', describeValue(accountId));
  }
  const clientType = input.clientType === undefined ? CLIENT_TYPE : requireText('clientType', input.clientType);
  return signedString(method, url, timestamp, accessKey, accountId, clientType);
}

/** The signed string from parts already checked: a plain concatenation, in SCP's order. */
export function signedString(
  method: string,
  url: string,
  timestamp: string,
  accessKey: string,
  accountId: string,
  clientType: string,
): string {
  return `${method}${url}${timestamp}${accessKey}${accountId}${clientType}`;
}

/**
 * The `Scp-Signature` header value for a request, synchronously (node:crypto). In the build for other
 * runtimes (Web Crypto, asynchronous only) it throws a `SkeError` with code
 * `ERR_SKE_SYNC_SIGNING_UNAVAILABLE`: use `computeSignatureAsync` there.
 */
export function computeSignature(input: SignatureInput): string {
  const message = stringToSign(input);
  return hmacSignature(requireText('secretKey', input.secretKey), message);
}

/** The `Scp-Signature` header value for a request, in every runtime (node:crypto on Node, Web Crypto elsewhere). Bad input rejects. */
export async function computeSignatureAsync(input: SignatureInput): Promise<string> {
  const message = stringToSign(input);
  return hmacSignatureAsync(requireText('secretKey', input.secretKey), message);
}
