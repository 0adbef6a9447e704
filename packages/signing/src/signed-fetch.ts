/**
 * Signed transports (credentials chain, retries, clock skew): `createSignedFetch`, a `fetch` that
 * signs, retries and corrects skew, to use alone or to hand to openapi-fetch's
 * `createClient({ fetch })`; and `createSignedGet`, the same for a GET without a body over Node's
 * own HTTP client (or over the `fetch` option, when one is given; outside Node, over `fetch`). Requests are not copied per
 * attempt (a `Request` is slow to build in Node): a `Request` input has its headers signed in place,
 * a URL input is sent with a plain header record.
 */

import { NetworkError } from './errors.js';
import { type HeadersLike, headerRecord } from './header-record.js';
import { applySigningHeaders, parseWireUrl, wireUrl } from './sign-request.js';
import { normalizeMethod } from './signature.js';
import {
  type HttpReply,
  type Plan,
  runAttempts,
  type SignedContext,
  type SignedFetchOptions,
  signedContext,
} from './signed-attempts.js';
import { defaultFetch, defaultSend } from './transport.js';

export type { HeadersLike } from './header-record.js';

/**
 * A `fetch`. Its types name only what `@types/node` declares too (`Request`, `RequestInit`, `Response`), never
 * the DOM's `RequestInfo` or `HeadersInit`, so that a consumer without the DOM lib typechecks.
 */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

export interface SignedGetInit {
  /** A method without a request body: GET (default), HEAD, DELETE, OPTIONS. */
  method?: string;
  headers?: HeadersLike;
  signal?: AbortSignal | null;
}

/**
 * A signed, retrying request without a body (GET unless `init.method` says otherwise) of `url`, the answer
 * read whole before it resolves: over node:http in Node's build, over `fetch` in the others, or over the
 * `fetch` option when one is given.
 */
export type SignedGet = (url: string | URL, init?: SignedGetInit) => Promise<HttpReply>;

type Send<Reply> = (
  method: string,
  url: string,
  headers: Record<string, string>,
  signal?: AbortSignal,
) => Promise<Reply>;

const keepNothing = async () => undefined;

async function cancelBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/** A call to a URL: each attempt sends the caller's headers with the signing headers over them. */
function urlPlan<Reply extends HttpReply>(
  input: string | URL,
  init: Pick<RequestInit, 'method' | 'headers' | 'signal' | 'body'> | undefined,
  context: SignedContext,
  send: Send<Reply>,
  discard: (reply: Reply) => Promise<void>,
): Plan<Reply> {
  const url = parseWireUrl(input);
  // Signed and sent the same: upper case.
  const method = normalizeMethod(init?.method ?? 'GET', 'init.method');
  const own =
    init?.headers === undefined ? context.headers : Object.assign({}, context.headers, headerRecord(init.headers));
  return {
    method,
    url,
    // A body is looked at only when there is one (reading the ReadableStream global loads web streams).
    replayable: !(init?.body != null && init.body instanceof ReadableStream),
    signal: init?.signal,
    language: 'accept-language' in own ? null : context.language,
    attempt(signing) {
      // Object.assign, not a spread: spreading a record built with computed names takes V8's slow path (≈ 5 µs a call).
      const headers = Object.assign({}, own, signing);
      return { headers: () => new Headers(headers), send: (signal) => send(method, url, headers, signal) };
    },
    discard,
  };
}

/**
 * A `Request` keeps its own headers (signed in place) and is copied only when it has a body to
 * replay, or a method in lower case (fetch leaves PATCH and custom methods as given), which the copy
 * sends upper case, as it is signed.
 */
function requestPlan(original: Request, context: SignedContext, fetchImpl: NonNullable<SignedFetchOptions['fetch']>) {
  const method = normalizeMethod(original.method);
  const input = method === original.method ? original : new Request(original, { method });
  return {
    method,
    url: wireUrl(input.url),
    replayable: true,
    signal: input.signal,
    language: context.language,
    attempt(signing: Record<string, string>) {
      const request = input.body === null ? input : input.clone();
      for (const [name, value] of Object.entries(context.headers)) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      applySigningHeaders(request.headers, signing);
      return {
        headers: () => request.headers,
        send: (signal?: AbortSignal) => fetchImpl(request, signal ? { signal } : undefined),
      };
    },
    discard: cancelBody,
  } satisfies Plan<Response>;
}

/** Each attempt of a URL call goes through `fetchImpl`. */
function fetchUrlPlan(
  input: string | URL,
  init: RequestInit | undefined,
  context: SignedContext,
  fetchImpl: NonNullable<SignedFetchOptions['fetch']>,
): Plan<Response> {
  const send: Send<Response> = (method, url, headers, signal) => fetchImpl(url, { ...init, method, headers, signal });
  return urlPlan(input, init, context, send, cancelBody);
}

/** A `fetch` that signs every attempt, retries and corrects clock skew. */
export function createSignedFetch(options: SignedFetchOptions = {}): FetchLike {
  const context = signedContext(options);
  const fetchImpl = options.fetch ?? ((input: Request | string, init?: RequestInit) => globalThis.fetch(input, init));
  return (input, init) =>
    runAttempts(
      () =>
        input instanceof Request
          ? requestPlan(init === undefined ? input : new Request(input, init), context, fetchImpl)
          : fetchUrlPlan(input, init, context, fetchImpl),
      context,
    );
}

/**
 * A signed, retrying GET without a body. In Node it goes over node:http/node:https (keep-alive), or,
 * when a `fetch` option is given, through it, so that the caller's fetch sees (and may intercept) every
 * request. Outside Node (the build without node:http) it goes over the `fetch` option or `globalThis.fetch`.
 */
export function createSignedGet(options: SignedFetchOptions = {}): SignedGet {
  const context = signedContext(options);
  const fetchImpl = options.fetch ?? defaultFetch;
  if (fetchImpl) {
    // A rejected fetch is a network failure (fetch rejects for nothing else): the same NetworkError as node:http's.
    const send: Send<Response> = (method, url, headers, signal) =>
      fetchImpl(url, { method, headers, signal }).catch((error: unknown) => {
        throw signal?.aborted ? error : new NetworkError(method, url, error);
      });
    return (url, init) => runAttempts(() => urlPlan(url, init, context, send, cancelBody), context);
  }
  return (url, init) => runAttempts(() => urlPlan(url, init, context, defaultSend, keepNothing), context);
}
