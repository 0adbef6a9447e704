/**
 * Test support: HTTP servers on 127.0.0.1 (port 0) that misbehave the ways a broken or hostile
 * server can, each recording what reached it: one that answers without end (and notes whether it
 * got to the end, or saw the connection closed first), one that trickles a byte at a time, a gzip
 * bomb, a redirect, one that hangs up after reading a request's body. Every test closes its servers.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface TestServer {
  url: string;
  /** Every request, once its body is in. */
  requests: Seen[];
  close(): Promise<void>;
}

/** Starts a server whose every request (its body read first) goes to `listener`. */
export async function startServer(listener: RequestListener): Promise<TestServer> {
  const requests: Seen[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { method = '', url = '', headers } = request;
      requests.push({ method, url, headers, body: Buffer.concat(chunks).toString('utf8') });
      listener(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What an endless answer saw: bytes written, and whether it ended by itself or the client closed first. */
export interface Flood {
  written: number;
  /** Resolves to 'closed' when the client closed the connection before the answer ended, 'finished' otherwise. */
  outcome: Promise<'closed' | 'finished'>;
}

/**
 * A 200 that keeps writing 64 KiB chunks (honouring backpressure) until the client closes the
 * connection, up to `maxBytes` (a bound, so that a client that reads everything cannot hang a test).
 */
export function flood(maxBytes = 256 * 1024 * 1024, headers: Record<string, string> = {}) {
  const floods: Flood[] = [];
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const listener = (_request: IncomingMessage, response: ServerResponse) => {
    let settle: (outcome: 'closed' | 'finished') => void = () => undefined;
    const seen: Flood = { written: 0, outcome: new Promise((resolve) => (settle = resolve)) };
    floods.push(seen);
    response.on('close', () => settle(response.writableFinished ? 'finished' : 'closed'));
    response.writeHead(200, { 'content-type': 'application/json', ...headers });
    const write = () => {
      while (!response.destroyed && seen.written < maxBytes) {
        seen.written += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', write);
      }
      if (!response.destroyed) response.end();
    };
    write();
  };
  return { floods, listener };
}

/** A 200 whose body comes one byte every `intervalMs`, for as long as the connection stays open. */
export function trickle(intervalMs = 50): RequestListener {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => response.write('.'), intervalMs);
    response.on('close', () => clearInterval(timer));
  };
}

/** Bombs made so far, by decoded size: making one of 200 MB takes most of a second. */
const bombs = new Map<number, Buffer>();

/** A gzip bomb: `decodedBytes` of zeros, gzipped (200 MB → about 200 KB), sent as `Content-Encoding: gzip`. */
export function gzipBomb(decodedBytes: number): RequestListener {
  const bomb = bombs.get(decodedBytes) ?? gzipSync(Buffer.alloc(decodedBytes));
  bombs.set(decodedBytes, bomb);
  return (_request, response) => {
    response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/json' });
    response.end(bomb);
  };
}

/** Answers `status` with `Location: location` (and a small body). */
export function redirect(status: number, location: string): RequestListener {
  return (_request, response) => {
    response.writeHead(status, { location, 'content-type': 'text/plain' });
    response.end('moved');
  };
}

/** Hangs up once the request's body has been read, without answering: the request reached the server. */
export const hangUp: RequestListener = (request) => request.socket.destroy();
