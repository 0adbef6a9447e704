/**
 * @scp-ske/signing: Samsung Cloud Platform Open API request signing, credentials, clock-skew
 * correction and retries, as a signed `fetch`, a signed GET over node:http, and openapi-fetch middleware.
 * One source, two builds (tsdown.config.ts): Node's (`dist/index.mjs`: node:crypto, node:http, the
 * credentials file) and the one for every other runtime (`dist/index.web.mjs`: Web Crypto, fetch, no
 * file), chosen by the package's `exports` conditions.
 */
export {
  type CallLimitOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
  MAX_RESPONSE_BYTES_CEILING,
} from './call-limits.js';
export { ClockSkew, SKEW_THRESHOLD_MS } from './clock-skew.js';
export {
  type CredentialChainOptions,
  type CredentialProvider,
  type CredentialSource,
  type CredentialsInput,
  type CredentialValues,
  createCredentialChain,
  credentialsFilePath,
  fromCredentialsFile,
  fromEnvironment,
  ScpCredentials,
} from './credentials.js';
export {
  CredentialsNotFoundError,
  NetworkError,
  type RedirectRefusal,
  RedirectRefusedError,
  ResponseTooLargeError,
  SigningOptionError,
  SkeError,
  SkeTimeoutError,
} from './errors.js';
export { createSigningMiddleware, type SigningMiddleware, type SigningMiddlewareOptions } from './middleware.js';
export { MAX_REDIRECTS, REDIRECT_STATUSES } from './redirect.js';
export {
  backoffDelay,
  DEFAULT_RETRY_STATUSES,
  IDEMPOTENT_METHODS,
  NOT_SENT_CODES,
  NOTHING_DONE_STATUSES,
  type RetryOptions,
  resolveRetryOptions,
  retryAfterDelay,
  SAFE_METHODS,
  sleep,
} from './retry.js';
export {
  DEFAULT_LANGUAGE,
  redactedHeaders,
  SIGNING_HEADERS,
  type SignRequestOptions,
  signHeaders,
  signHeadersAsync,
  signRequest,
  signRequestAsync,
  wireUrl,
} from './sign-request.js';
export {
  CLIENT_TYPE,
  computeSignature,
  computeSignatureAsync,
  normalizeTimestamp,
  type SignatureInput,
  stringToSign,
} from './signature.js';
export type { AttemptEvent, HttpReply, ReplyHeaders, SignedFetchOptions } from './signed-attempts.js';
export {
  createSignedFetch,
  createSignedGet,
  type FetchLike,
  type HeadersLike,
  type SignedGet,
  type SignedGetInit,
} from './signed-fetch.js';
