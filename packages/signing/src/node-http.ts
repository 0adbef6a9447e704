/**
 * Node's own HTTP client as a transport for signed calls without a body: `node:http`/`node:https`
 * on their keep-alive global agents, the answer read whole as UTF-8 text. It skips what a WHATWG
 * `fetch` builds around every call (streams, `Request`/`Response` objects), which in Node 20 is most
 * of a loopback call's time and ≈ 9 ms of a CLI's first call. Redirects are not followed here (the
 * signed call decides, and re-signs). It asks for an uncompressed answer (a kubeconfig is a few KB)
 * and still reads a gzip, deflate or br one, decoding as it reads, up to `maxResponseBytes`. An
 * origin is parsed once and remembered (`connectionTarget`), and the headers go to Node as one flat
 * list with `Host` first, which spares Node a URL parse and a `setHeader` per header on every call.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import type * as Https from 'node:https';
import type { Readable } from 'node:stream';
import { DEFAULT_MAX_RESPONSE_BYTES } from './call-limits.js';
import { type Abortable, stoppedWith } from './deadline.js';
import { NetworkError, ResponseTooLargeError } from './errors.js';
import type { HttpReply, ReplyHeaders } from './signed-attempts.js';

/** Node's parsed response headers read like `Headers` (names are already lower case). */
class NodeReplyHeaders implements ReplyHeaders {
  constructor(private readonly raw: IncomingMessage['headers']) {}
  get(name: string): string | null {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  }
  /** In name order, as `Headers` iterates. */
  forEach(callback: (value: string, name: string) => void): void {
    for (const name of Object.keys(this.raw).sort()) callback(this.get(name) as string, name);
  }
}

const BYTE_ORDER_MARK = 0xfeff;

/** How long the connection may stay silent, as Node's fetch allows (its headers and body timeouts). */
export const IDLE_TIMEOUT_MS = 300_000;

/** `node:https` (and TLS) loads on first need, not with every importer of this package. */
let https: typeof Https | undefined;

/** Where an origin's requests go: what node:http would derive from the URL on every call. */
interface ConnectionTarget {
  send: typeof httpRequest;
  hostname: string;
  port: string;
  /** The `Host` header: the URL's host, with the port only when it is not the scheme's default. */
  host: string;
}

/** Origins seen, parsed once; cleared when it grows past `MAX_ORIGINS` (a client talks to a few). */
const targets = new Map<string, ConnectionTarget>();
const MAX_ORIGINS = 64;

/** Splits an absolute URL at the first `/` after its `//`: the origin, and the path with its query (`/` when there is none). */
export function splitOrigin(url: string): [origin: string, path: string] {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash === -1 ? [url, '/'] : [url.slice(0, slash), url.slice(slash)];
}

/** The connection target of `origin`, parsed as node:http parses a URL (an IPv6 host without its brackets). */
function connectionTarget(origin: string): ConnectionTarget {
  let target = targets.get(origin);
  if (target === undefined) {
    const { protocol, hostname, port, host } = new URL(origin);
    let send = httpRequest;
    if (protocol === 'https:') {
      https ??= process.getBuiltinModule('node:https') as typeof Https;
      send = https.request;
    }
    target = {
      send,
      hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname,
      port,
      host,
    };
    if (targets.size >= MAX_ORIGINS) targets.clear();
    targets.set(origin, target);
  }
  return target;
}

/**
 * `Host` (unless the caller set one), then the caller's headers (lower-case names), then
 * `Accept-Encoding: identity` unless the caller set one: flat, as Node writes them.
 */
function headerList(host: string, headers: Record<string, string>): string[] {
  const list = 'host' in headers ? [] : ['host', host];
  for (const name in headers) list.push(name, headers[name] as string);
  if (!('accept-encoding' in headers)) list.push('accept-encoding', 'identity');
  return list;
}

function reply(response: IncomingMessage, body: string): HttpReply {
  const status = response.statusCode ?? 0;
  // As `Response.text()` does, a UTF-8 byte order mark is not part of the text.
  const text = body.charCodeAt(0) === BYTE_ORDER_MARK ? body.slice(1) : body;
  return {
    status,
    statusText: response.statusMessage ?? '',
    ok: status >= 200 && status < 300,
    headers: new NodeReplyHeaders(response.headers),
    text: () => Promise.resolve(text),
  };
}

/**
 * Sends `method` `url` (http or https) with `headers` and `body` (none when undefined, with its byte
 * length when given); resolves once the whole answer is
 * in. Fails with `ResponseTooLargeError` at the first byte over `maxResponseBytes` (counted after
 * decoding; the connection is closed, and the decoders stopped, there), with `NetworkError`
 * (`ETIMEDOUT` after `idleTimeoutMs` of silence), or with `stop.reason` when `stop` aborts (body
 * reading included; the connection is closed). `stop` is listened to with a plain callback, not as
 * an `AbortSignal` given to node:http, which costs a third of a loopback call.
 */
export function nodeHttpSend(
  method: string,
  url: string,
  headers: Record<string, string>,
  stop?: Abortable,
  maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES,
  body?: string,
  idleTimeoutMs = IDLE_TIMEOUT_MS,
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) =>
      reject(stop?.aborted ? stoppedWith(stop.reason, method, url) : new NetworkError(method, url, error));
    const [origin, path] = splitOrigin(url);
    const { send, hostname, port, host } = connectionTarget(origin);
    const options = {
      method,
      hostname,
      port,
      path,
      headers:
        body === undefined
          ? headerList(host, headers)
          : headerList(host, { ...headers, 'content-length': String(Buffer.byteLength(body)) }),
      timeout: idleTimeoutMs,
    };
    const outgoing = send(options, (response) => {
      // A connection lost mid-answer is an ECONNRESET error here.
      response.on('error', fail);
      const read = (body: Readable) => {
        const chunks: Buffer[] = [];
        let received = 0;
        body.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > maxResponseBytes) {
            reject(new ResponseTooLargeError(maxResponseBytes, method, url));
            // Closes the connection (never back to the pool half read), and with it every decoder.
            outgoing.destroy();
          } else {
            chunks.push(chunk);
          }
        });
        body.on('end', () => resolve(reply(response, Buffer.concat(chunks, received).toString('utf8'))));
      };
      const coding = response.headers['content-encoding'];
      if (coding && coding !== 'identity') {
        // A server that compresses although asked not to: its decoder (and node:zlib) loads now; the
        // answer waits, paused, meanwhile.
        import('./decode-body.js').then(({ decodedBody }) => read(decodedBody(response, coding, fail))).catch(fail);
        return;
      }
      read(response);
    });
    outgoing.on('error', fail);
    outgoing.on('timeout', () => {
      // Stryker disable next-line StringLiteral: message text
      const message = `no data for ${idleTimeoutMs} ms`;
      outgoing.destroy(Object.assign(new Error(message), { code: 'ETIMEDOUT' }));
    });
    outgoing.end(body);
    // Not let go of once answered: a deadline lives as long as its call, and destroying a request
    // already answered leaves its kept-alive connection alone.
    stop?.onAbort((reason) => {
      reject(stoppedWith(reason, method, url));
      outgoing.destroy();
    });
  });
}
