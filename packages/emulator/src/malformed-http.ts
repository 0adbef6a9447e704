/**
 * HTTP that Node's parser refuses (its `clientError`: a broken request line, headers or chunked
 * body, oversized headers) answered as a gateway does: one 400 in the envelope, in order after the
 * answer to the request before it, and never a second answer to a request already answered (when
 * the body of such a request breaks, the connection is closed instead).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type ErrorAnswer, envelope, newRequestId } from './envelope.js';
import type { Exchange, Reply } from './pipeline.js';

/** The latest request read on a connection, and the response it gets. */
export interface InFlight {
  exchange: Exchange;
  response: ServerResponse;
}

type ParseError = NodeJS.ErrnoException & { rawPacket?: Buffer };

/**
 * Whether a request announces a body (`Transfer-Encoding`, or a `Content-Length` other than 0). Its
 * answer waits one microtask: the parser reads the rest of the packet first, so that a body broken
 * in it is answered 400 (below) instead of the request. A request without one is answered at once.
 */
export function announcesBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

const badRequest = (error: ParseError): ErrorAnswer => ({
  status: 400,
  code: 'ValidationError',
  detail: [`Malformed HTTP request (${error.code ?? 'parse error'}).`],
});

/** A request that could not be parsed has no response object: the 400 goes straight to the socket, which it closes. */
function writeBadRequest(socket: Socket, error: ParseError): void {
  const body = envelope(badRequest(error), newRequestId());
  // An answer to HEAD carries no body, even when the request could not be parsed to the end.
  const head = error.rawPacket?.toString('latin1', 0, 5) === 'HEAD ';
  socket.end(
    `HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${head ? '' : body}`,
  );
}

/**
 * The server's `clientError` listener. `latest` gives the latest request read on a connection;
 * `answer` sends a reply through its response (it sends nothing once that response has begun).
 */
export function onMalformedHttp(
  latest: (socket: Socket) => InFlight | undefined,
  answer: (inFlight: InFlight, reply: Reply) => void,
) {
  return (error: ParseError, socket: Socket): void => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const inFlight = latest(socket);
    if (inFlight && !inFlight.exchange.request.complete) {
      // The error is in the body of a request the pipeline already has: that request gets one answer.
      if (inFlight.response.headersSent) socket.destroy();
      else answer(inFlight, inFlight.exchange.fail(badRequest(error), { connection: 'close' }));
      return;
    }
    if (inFlight && !inFlight.response.writableFinished) {
      // The request before this one is still being answered: the 400 follows that answer.
      inFlight.response.once('finish', () => writeBadRequest(socket, error));
      return;
    }
    writeBadRequest(socket, error);
  };
}
