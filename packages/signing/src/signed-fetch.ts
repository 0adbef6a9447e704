/**
 * Signed transports (credentials chain, retries, clock skew, a deadline, a size limit, redirects
 * refused unless asked for): `createSignedFetch`, a `fetch` that signs, retries and corrects skew, to
 * use alone or to hand to openapi-fetch's `createClient({ fetch })`; and `createSignedGet`, the same
 * for a request without a body over Node's own HTTP client (or over the `fetch` option, when one is
 * given; outside Node, over `fetch`). Requests are not copied per attempt (a `Request` is slow to
 * build in Node): a `Request` input has its headers signed in place, a URL input is sent with a plain
 * header record. fetch itself never follows a redirect (`redirect: 'manual'`): the attempt loop does,
 * when asked to, re-signed.
 */

import { type Deadline, stoppedWith } from './deadline.js';
import { NetworkError, SkeError } from './errors.js';
import { type HeadersLike, headerRecord } from './header-record.js';
import { limitedResponse, wholeReply } from './limited-body.js';
import { applySigningHeaders, parseWireUrl, wireUrl } from './sign-request.js';
import { normalizeMethod } from './signature.js';
import {
  type AttemptEvent,
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
  /** GET (default), or any other method. */
  method?: string;
  headers?: HeadersLike;
  /** A request body, sent as written (with its `content-type` among `headers`); none by default. */
  body?: string;
  signal?: AbortSignal | null;
  /** This call's deadline, over the `timeoutMs` option (checked the same way). */
  timeoutMs?: number | undefined;
  /** This call's retries after the first attempt, over `retry.maxRetries` (checked the same way). */
  maxRetries?: number | undefined;
  /** Told of each attempt of this call, after the `onAttempt` option. */
  onAttempt?: ((event: AttemptEvent) => void) | undefined;
}

/**
 * A signed, retrying request (GET unless `init.method` says otherwise; a text body if `init.body` has one)
 * of `url`, the answer read whole before it resolves: over node:http in Node's build, over `fetch` in the
 * others, or over the `fetch` option when one is given.
 */
export type SignedGet = (url: string | URL, init?: SignedGetInit) => Promise<HttpReply>;

/** Sends one attempt; `body` is the call's (none after a redirect that turned it into a GET). */
type Send<Reply> = (
  method: string,
  url: string,
  headers: Record<string, string>,
  deadline: Deadline,
  body: RequestInit['body'],
) => Promise<Reply>;

/** How a transport lets go of an answer it will not hand over, and hands over the one it will. */
interface Reading<Reply> {
  discard(reply: Reply): Promise<void>;
  keep(reply: Reply, done: () => void, method: string, url: string): Reply;
}

/** An answer read whole within the attempt: nothing to let go of, nothing left to read. */
const readWhole: Reading<HttpReply> = {
  discard: async () => undefined,
  keep(reply, done) {
    done();
    return reply;
  },
};

/** A `Response` whose body the caller reads: cancelled when dropped, held to `maxResponseBytes` when kept. */
function streamed(context: SignedContext): Reading<Response> {
  return {
    discard: async (response) => {
      await response.body?.cancel().catch(() => undefined);
    },
    keep: (response, done, method, url) => limitedResponse(response, context.maxResponseBytes, method, url, done),
  };
}

/** A call to a URL: each attempt sends the caller's headers with the signing headers over them. */
function urlPlan<Reply extends HttpReply>(
  input: string | URL,
  init:
    | (Pick<RequestInit, 'method' | 'headers' | 'signal' | 'body'> & Omit<SignedGetInit, 'headers' | 'body'>)
    | undefined,
  context: SignedContext,
  send: Send<Reply>,
  reading: Reading<Reply>,
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
    own: init,
    language: 'accept-language' in own ? null : context.language,
    attempt(signing) {
      // Object.assign, not a spread: spreading a record built with computed names takes V8's slow path (≈ 5 µs a call).
      const headers = Object.assign({}, own, signing);
      return {
        headers: () => new Headers(headers),
        send: (deadline) => send(method, url, headers, deadline, init?.body),
      };
    },
    discard: reading.discard,
    keep: (reply, done) => reading.keep(reply, done, method, url),
    redirect: (target, next) =>
      urlPlan(target, { ...init, method: next, body: next === method ? init?.body : null }, context, send, reading),
  };
}

/**
 * A `Request` keeps its own headers (signed in place) and is copied only when it has a body to
 * replay, or a method in lower case (fetch leaves PATCH and custom methods as given), which the copy
 * sends upper case, as it is signed.
 */
function requestPlan(
  original: Request,
  context: SignedContext,
  fetchImpl: NonNullable<SignedFetchOptions['fetch']>,
): Plan<Response> {
  const method = normalizeMethod(original.method);
  const input = method === original.method ? original : new Request(original, { method });
  const url = wireUrl(input.url);
  const reading = streamed(context);
  return {
    method,
    url,
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
        send: (deadline: Deadline) => fetchImpl(request, { signal: deadline.signal, redirect: 'manual' }),
      };
    },
    discard: reading.discard,
    keep: (response, done) => reading.keep(response, done, method, url),
    async redirect(target, next) {
      const body = next === method && input.body !== null ? await input.clone().arrayBuffer() : null;
      const headers = { headers: input.headers, signal: input.signal };
      return requestPlan(new Request(target, { method: next, body, ...headers }), context, fetchImpl);
    },
  };
}

/** A `fetch` that signs every attempt, retries, corrects clock skew, and holds the call to its deadline and size limit. */
export function createSignedFetch(options: SignedFetchOptions = {}): FetchLike {
  const context = signedContext(options);
  const fetchImpl = options.fetch ?? ((input: Request | string, init?: RequestInit) => globalThis.fetch(input, init));
  const reading = streamed(context);
  return (input, init) =>
    runAttempts(() => {
      if (input instanceof Request)
        return requestPlan(init === undefined ? input : new Request(input, init), context, fetchImpl);
      const send: Send<Response> = (method, url, headers, deadline, body) =>
        fetchImpl(url, { ...init, method, headers, signal: deadline.signal, body, redirect: 'manual' });
      return urlPlan(input, init, context, send, reading);
    }, context);
}

/**
 * A signed, retrying request (with a text body or none), its answer read whole (within `maxResponseBytes`)
 * before it resolves. In Node it goes over node:http/node:https (keep-alive), or, when a `fetch` option is
 * given, through it, so that the caller's fetch sees (and may intercept) every request. Outside Node
 * (the build without node:http) it goes over the `fetch` option or `globalThis.fetch`.
 */
export function createSignedGet(options: SignedFetchOptions = {}): SignedGet {
  const context = signedContext(options);
  const { maxResponseBytes } = context;
  const fetchImpl = options.fetch ?? defaultFetch;
  const send: Send<HttpReply> = fetchImpl
    ? async (method, url, headers, deadline, body) => {
        try {
          const response = await fetchImpl(url, { method, headers, body, signal: deadline.signal, redirect: 'manual' });
          return await wholeReply(response, maxResponseBytes, method, url);
        } catch (error) {
          // A rejected fetch, or a body cut short, is a network failure: the same NetworkError as node:http's.
          if (deadline.aborted) throw stoppedWith(error, method, url);
          throw error instanceof SkeError ? error : new NetworkError(method, url, error);
        }
      }
    : (method, url, headers, deadline, body) =>
        defaultSend(method, url, headers, deadline, maxResponseBytes, (body ?? undefined) as string | undefined);
  return (url, init) => runAttempts(() => urlPlan(url, init, context, send, readWhole), context);
}
