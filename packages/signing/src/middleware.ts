/**
 * openapi-fetch middleware that signs every request in `onRequest` (where `request.url` is final)
 * and learns clock skew in `onResponse`. openapi-fetch has no retries: for retries and the skew
 * re-sign, pass `createSignedFetch()` as the client's `fetch` instead (or as well, sharing a ClockSkew).
 */
import { ClockSkew } from './clock-skew.js';
import { type CredentialsInput, createCredentialChain } from './credentials.js';
import { signRequest } from './sign-request.js';

export interface SigningMiddlewareOptions {
  credentials?: CredentialsInput;
  now?: () => number;
  clockSkew?: ClockSkew;
  language?: string | null;
}

/** Structurally an openapi-fetch `Middleware`. */
export interface SigningMiddleware {
  onRequest(params: { request: Request }): Promise<Request>;
  onResponse(params: { response: Response }): undefined;
}

export function createSigningMiddleware(options: SigningMiddlewareOptions = {}): SigningMiddleware {
  const credentials = createCredentialChain({ credentials: options.credentials });
  const now = options.now ?? Date.now;
  const skew = options.clockSkew ?? new ClockSkew();
  return {
    async onRequest({ request }) {
      const keys = await credentials();
      return signRequest(request, { credentials: keys, now, clockOffsetMs: skew.offsetMs, language: options.language });
    },
    onResponse({ response }) {
      skew.observe(response.headers.get('date'), now());
      return undefined;
    },
  };
}
