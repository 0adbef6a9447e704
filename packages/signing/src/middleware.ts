/**
 * openapi-fetch middleware that signs every request in `onRequest` (where `request.url` is final)
 * and learns clock skew in `onResponse`. The request it hands on never follows a redirect
 * (`redirect: 'manual'`, unless the request says `error`): a redirect is answered as it is, and the
 * signing headers never reach another origin. openapi-fetch has no retries: for retries, the skew
 * re-sign, a deadline, a size limit and redirects followed re-signed, pass `createSignedFetch()` as
 * the client's `fetch` instead (or as well, sharing a ClockSkew).
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
      // fetch would follow a redirect with every header, the signature included, to wherever it leads.
      const manual = request.redirect === 'follow' ? new Request(request, { redirect: 'manual' }) : request;
      return signRequestAsync(manual, { credentials: context.keys, now, clockOffsetMs: skew.offsetMs, language });
    },
    onResponse({ response }) {
      skew.observe(response.headers.get('date'), now());
      return undefined;
    },
  };
}
