/**
 * Bodies read over fetch within the size limit, on streams built here: the limit exactly accepted,
 * one byte more refused, the source cancelled there, and `done` called once whichever way the body ends.
 */
import { describe, expect, it } from 'vitest';
import { ResponseTooLargeError, SkeError } from './errors.js';
import { limitedResponse, wholeReply } from './limited-body.js';

const URL = 'http://127.0.0.1:9/v1/clusters?token=never-quoted';

/** A body of `chunks`, noting whether (and why) it was cancelled. */
function source(chunks: string[]) {
  const state = { cancelled: undefined as unknown, pulled: 0 };
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks[state.pulled++];
      if (next === undefined) controller.close();
      else controller.enqueue(encoder.encode(next));
    },
    cancel(reason) {
      state.cancelled = reason ?? 'cancelled';
    },
  });
  return { stream, state };
}

function counter() {
  const calls: number[] = [];
  return { calls, done: () => void calls.push(calls.length + 1) };
}

describe('limitedResponse', () => {
  it('passes a body of exactly the limit, with the status, headers and URL, and then is done once', async () => {
    const { stream } = source(['12345', '67890']);
    const original = new Response(stream, { status: 201, statusText: 'Made', headers: { 'x-a': '1' } });
    Object.defineProperty(original, 'url', { value: URL });
    const { calls, done } = counter();
    const limited = limitedResponse(original, 10, 'GET', URL, done);
    expect(limited).toMatchObject({ status: 201, statusText: 'Made', ok: true, url: URL });
    expect(limited.headers.get('x-a')).toBe('1');
    expect(await limited.text()).toBe('1234567890');
    expect(calls).toEqual([1]);
  });

  it('refuses the first byte over the limit with ResponseTooLargeError, cancelling the source', async () => {
    const { stream, state } = source(['12345', '67890', 'more']);
    const { calls, done } = counter();
    const limited = limitedResponse(new Response(stream), 9, 'PUT', URL, done);
    const error = await limited.text().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toBeInstanceOf(SkeError);
    expect(error).toMatchObject({ name: 'ResponseTooLargeError', code: 'ERR_SKE_RESPONSE_TOO_LARGE', limit: 9 });
    expect((error as Error).message).toBe(
      'the answer to PUT http://127.0.0.1:9 is larger than 9 bytes (decoded), the maxResponseBytes option; it was not read further',
    );
    expect(state.cancelled).toBeDefined();
    expect(calls).toEqual([1]);
  });

  it('refuses any byte with a limit of 0, and passes an empty body', async () => {
    await expect(limitedResponse(new Response('x'), 0, 'GET', URL, () => undefined).text()).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
    expect(await limitedResponse(new Response(''), 0, 'GET', URL, () => undefined).text()).toBe('');
  });

  it('is done at once, the answer as it is, when there is no body', () => {
    const { calls, done } = counter();
    const empty = new Response(null, { status: 204 });
    expect(limitedResponse(empty, 0, 'HEAD', URL, done)).toBe(empty);
    expect(calls).toEqual([1]);
  });

  it('is done, and passes the source’s error on, when the source fails', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new TypeError('terminated'));
      },
    });
    const { calls, done } = counter();
    await expect(limitedResponse(new Response(failing), 10, 'GET', URL, done).text()).rejects.toThrow('terminated');
    expect(calls).toEqual([1]);
  });

  it('is done, and cancels the source with the reason, when the caller cancels', async () => {
    const { stream, state } = source(['12345', '67890']);
    const { calls, done } = counter();
    const limited = limitedResponse(new Response(stream), 100, 'GET', URL, done);
    await limited.body?.cancel('no longer needed');
    expect(state.cancelled).toBe('no longer needed');
    expect(calls).toEqual([1]);
  });

  it('refuses a status over 599, which a Response cannot carry, cancelling its body', () => {
    const { stream, state } = source(['odd']);
    const { calls, done } = counter();
    const odd = { status: 999, body: stream, url: URL } as unknown as Response;
    const error = (() => {
      try {
        limitedResponse(odd, 10, 'GET', URL, done);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SkeError);
    expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_STATUS' });
    expect((error as Error).message).toBe(
      'the answer to GET http://127.0.0.1:9 has status 999, which is not an HTTP status',
    );
    expect(state.cancelled).toBeDefined();
    expect(calls).toEqual([1]);
    const highest = new Response('ok', { status: 599 });
    expect(limitedResponse(highest, 10, 'GET', URL, done).status).toBe(599);
  });
});

describe('wholeReply', () => {
  it('reads the body whole as text, a byte order mark dropped, within exactly the limit', async () => {
    const bytes = new TextEncoder().encode('\uFEFF클러스터');
    const reply = await wholeReply(
      new Response(bytes, { status: 404, statusText: 'Gone', headers: { 'x-b': '2' } }),
      bytes.byteLength,
      'GET',
      URL,
    );
    expect(reply).toMatchObject({ status: 404, statusText: 'Gone', ok: false });
    expect(reply.headers.get('x-b')).toBe('2');
    expect(await reply.text()).toBe('클러스터');
    await expect(wholeReply(new Response(bytes), bytes.byteLength - 1, 'GET', URL)).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
  });

  it('reads no body as empty text', async () => {
    const reply = await wholeReply(new Response(null, { status: 204 }), 0, 'HEAD', URL);
    expect(reply).toMatchObject({ status: 204, ok: true });
    expect(await reply.text()).toBe('');
  });
});
