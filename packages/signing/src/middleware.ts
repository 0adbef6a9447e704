/**
 * openapi-fetch middleware that signs every request in `onRequest` (where `request.url` is final)
 * and learns clock skew in `onResponse`. openapi-fetch has no retries: for retries and the skew
 * re-sign, pass `createSignedFetch()` as the client's `fetch` instead (or as well, sharing a ClockSkew).
 */
import type { ClockSkew } from './clock-skew.js';
import type { CredentialsInput } from './credentials.js';
import { signRequestAsync } from './sign-request.js';
import { signedContext } from './signed-attempts.js';

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
  // The same credentials chain, clock and skew as the signed transports; no retry policy is used here.
  const context = signedContext(options);
  const { now, skew, language } = context;
  return {
    async onRequest({ request }) {
      context.keys ??= await context.credentials();
      return signRequestAsync(request, { credentials: context.keys, now, clockOffsetMs: skew.offsetMs, language });
    },
    onResponse({ response }) {
      skew.observe(response.headers.get('date'), now());
      return undefined;
    },
  };
}
