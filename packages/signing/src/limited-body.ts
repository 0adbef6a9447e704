/**
 * Bodies read over fetch within `maxResponseBytes`: counted as they arrive, after decoding (fetch
 * undoes gzip, deflate and br before a byte reaches us), and cancelled, which closes the connection,
 * at the first byte over the limit. Web APIs only, for both builds.
 */
import { ResponseTooLargeError, SkeError } from './errors.js';
import type { HttpReply } from './signed-attempts.js';

const ignore = () => undefined;

/**
 * `body` read through a counter: the same bytes, or an error (`ResponseTooLargeError`) in place of
 * the first chunk that goes over `maxBytes`. `done` is called once, when the body ends, fails, goes
 * over or is cancelled.
 */
function limitedBody(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  method: string,
  url: string,
  done: () => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let received = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        done();
        throw error;
      }
      if (chunk.done) {
        done();
        controller.close();
        return;
      }
      received += chunk.value.byteLength;
      if (received > maxBytes) {
        done();
        reader.cancel().catch(ignore);
        controller.error(new ResponseTooLargeError(maxBytes, method, url));
        return;
      }
      controller.enqueue(chunk.value);
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}

/**
 * `response` with its body held to `maxBytes`; `done` is called once the body is read, fails or is
 * cancelled (at once when there is none). A status over 599, which a `Response` cannot carry (a
 * server sent a three-digit number that is not an HTTP status), is refused (`SkeError` `ERR_SKE_RESPONSE_STATUS`).
 */
export function limitedResponse(
  response: Response,
  maxBytes: number,
  method: string,
  url: string,
  done: () => void,
): Response {
  const { body, status } = response;
  if (body === null) {
    done();
    return response;
  }
  if (status > 599) {
    done();
    body.cancel().catch(ignore);
    throw new SkeError(
      'ERR_SKE_RESPONSE_STATUS',
      // Stryker disable next-line StringLiteral: message text
      `the answer to ${method} ${new URL(url).origin} has status ${status}, which is not an HTTP status`,
    );
  }
  const limited = new Response(limitedBody(body, maxBytes, method, url, done), response);
  // The URL it answered (what fetch sets), which a constructed Response lacks.
  Object.defineProperty(limited, 'url', { value: response.url });
  return limited;
}

/** The answer with its body read whole as UTF-8 text (a byte order mark dropped, as `Response.text()` does), within `maxBytes`. */
export async function wholeReply(
  response: Response,
  maxBytes: number,
  method: string,
  url: string,
): Promise<HttpReply> {
  const { body, status } = response;
  const text = body === null ? '' : await new Response(limitedBody(body, maxBytes, method, url, ignore)).text();
  return {
    status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    text: () => Promise.resolve(text),
  };
}
