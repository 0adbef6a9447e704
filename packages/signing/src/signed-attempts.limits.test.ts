/**
 * Every signed transport (the signed fetch, the signed GET over node:http, the signed GET over a
 * fetch option) against servers that misbehave (testing/hostile-server.ts), as a caller sees it: an
 * answer over `maxResponseBytes` (endless, or a gzip bomb) refused and its connection closed early, a
 * server that trickles held to `timeoutMs`, a redirect answered as it is unless `followRedirects`, and
 * then followed only to the same origin, re-signed; and the retry rule for methods that are not safe.
 */
import { getEventListeners } from 'node:events';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NetworkError, RedirectRefusedError, ResponseTooLargeError, SkeTimeoutError } from './errors.js';
import type { AttemptEvent, SignedFetchOptions } from './signed-attempts.js';
import { createSignedFetch, createSignedGet } from './signed-fetch.js';
import { flood, gzipBomb, hangUp, redirect, startServer, type TestServer, trickle } from './testing/hostile-server.js';
import { type Scripted, startVerifyingServer } from './testing/verifying-server.js';

const SECRET = 'secret-of-the-limit-tests';
const credentials = { accessKey: 'AKLIMITS', secretKey: SECRET };
const MiB = 1024 * 1024;

const KINDS = ['signed fetch', 'signed GET over node:http', 'signed GET over fetch'] as const;
type Kind = (typeof KINDS)[number];

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function serve(listener: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(listener);
  closers.push(server.close);
  return server;
}

async function verifying(script: Scripted[]) {
  const server = await startVerifyingServer({ keys: { [credentials.accessKey]: SECRET }, script });
  closers.push(server.close);
  return server;
}

interface Init {
  method?: string;
  body?: string;
  signal?: AbortSignal;
}

/** One call of `kind`, its body read whole: what a caller of that transport ends up with. */
function caller(kind: Kind, options: SignedFetchOptions = {}) {
  const events: AttemptEvent[] = [];
  const settings: SignedFetchOptions = {
    credentials,
    ...options,
    retry: { baseDelayMs: 1, ...options.retry },
    onAttempt: (event) => events.push(event),
  };
  const signedFetch = createSignedFetch(settings);
  const signedGet = createSignedGet(
    kind === 'signed GET over fetch'
      ? { ...settings, fetch: (input, init) => globalThis.fetch(input, init) }
      : settings,
  );
  const call = async (url: string, init: Init = {}) => {
    const reply = kind === 'signed fetch' ? await signedFetch(url, init) : await signedGet(url, init);
    return { status: reply.status, location: reply.headers.get('location'), text: await reply.text() };
  };
  return { call, events };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a rejection'),
    (e) => e,
  );

describe.each(KINDS)('the %s', (kind) => {
  describe('maxResponseBytes', () => {
    it('reads an answer of exactly the limit, and refuses one byte more without asking again', async () => {
      const server = await serve((_request, response) => response.end('x'.repeat(1000)));
      expect((await caller(kind, { maxResponseBytes: 1000 }).call(`${server.url}/a`)).text).toHaveLength(1000);
      const error = await rejection(caller(kind, { maxResponseBytes: 999 }).call(`${server.url}/b`));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_TOO_LARGE', limit: 999 });
      expect(error.message).toMatch(/ larger than 999 bytes .*maxResponseBytes/);
      expect(server.requests.map((request) => request.url)).toEqual(['/a', '/b']);
    });

    it('stops reading an endless answer at the limit: the server sees the connection closed', async () => {
      const { floods, listener } = flood();
      const server = await serve(listener);
      const error = await rejection(caller(kind, { maxResponseBytes: MiB }).call(`${server.url}/endless`));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(await floods[0]?.outcome).toBe('closed');
      // Generous: kernel buffers hold some; the server never got near its bound of 256 MiB.
      expect(floods[0]?.written).toBeLessThan(64 * MiB);
      expect(server.requests).toHaveLength(1);
    });

    it('uses 16 MiB when not set', async () => {
      const { floods, listener } = flood();
      const server = await serve(listener);
      const error = await rejection(caller(kind).call(`${server.url}/endless`));
      expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_TOO_LARGE', limit: 16 * MiB });
      expect(await floods[0]?.outcome).toBe('closed');
    });
  });

  describe('a gzip bomb', () => {
    let bomb: Parameters<typeof startServer>[0];
    beforeAll(() => {
      bomb = gzipBomb(200 * 1000 * 1000);
    });

    it('is refused once its decoded bytes pass the limit', async () => {
      const server = await serve(bomb);
      const error = await rejection(caller(kind, { maxResponseBytes: MiB }).call(`${server.url}/bomb`));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ limit: MiB });
    });
  });

  describe('timeoutMs', () => {
    it('fails a call whose answer trickles in with SkeTimeoutError, naming the deadline and the option', async () => {
      const server = await serve(trickle(50));
      const error = await rejection(caller(kind, { timeoutMs: 300 }).call(`${server.url}/slow?token=t`));
      expect(error).toBeInstanceOf(SkeTimeoutError);
      expect(error).toMatchObject({ name: 'SkeTimeoutError', code: 'ERR_SKE_TIMEOUT', timeoutMs: 300 });
      expect(error.message).toBe(
        `GET ${server.url} took longer than its deadline of 300 ms, the timeoutMs option (retries and reading the answer included)`,
      );
    });

    it('reports the attempt it stopped, once, with the SkeTimeoutError', async () => {
      const server = await serve(() => undefined);
      const { call, events } = caller(kind, { timeoutMs: 300 });
      await expect(call(`${server.url}/silent`)).rejects.toBeInstanceOf(SkeTimeoutError);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ attempt: 1, error: { code: 'ERR_SKE_TIMEOUT', timeoutMs: 300 } });
      expect(events[0]?.retry).toBeUndefined();
    });

    it('holds the waits between retries to it too', async () => {
      const server = await verifying([{ status: 503, headers: { 'retry-after': '30' } }]);
      // The first answer comes within the deadline even on a loaded machine; the 30 s wait after it cannot.
      const { call, events } = caller(kind, { timeoutMs: 1500, retry: { retryAfterCapMs: 60_000 } });
      await expect(call(`${server.url}/v1/clusters`)).rejects.toBeInstanceOf(SkeTimeoutError);
      expect(server.received).toHaveLength(1);
      expect(events.map((event) => event.retry)).toEqual([{ reason: 'status', delayMs: 30_000 }]);
    });

    it("still lets the caller's signal stop the call first, with its own reason", async () => {
      const server = await serve(trickle(50));
      const controller = new AbortController();
      const pending = caller(kind, { timeoutMs: 30_000 }).call(`${server.url}/slow`, { signal: controller.signal });
      setTimeout(() => controller.abort(new Error('stopped by the caller')), 100);
      await expect(pending).rejects.toThrow('stopped by the caller');
    });

    it("leaves no listener on the caller's signal once the answer is read", async () => {
      const server = await serve((_request, response) => response.end('ok'));
      const { call } = caller(kind);
      const controller = new AbortController();
      for (let i = 0; i < 3; i++)
        expect((await call(`${server.url}/x`, { signal: controller.signal })).text).toBe('ok');
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    });
  });

  describe('redirects', () => {
    it.each([301, 302, 303, 307, 308])(
      'are answered as they are by default (%i): nothing reaches the origin they point to',
      async (status) => {
        const elsewhere = await serve((_request, response) => response.end('stolen'));
        const server = await verifying([{ status, headers: { location: `${elsewhere.url}/steal` } }]);
        const reply = await caller(kind).call(`${server.url}/v1/clusters`);
        expect(reply).toMatchObject({ status, location: `${elsewhere.url}/steal` });
        expect(elsewhere.requests).toEqual([]);
      },
    );

    it('to another origin are refused with followRedirects, and nothing reaches it', async () => {
      const elsewhere = await serve((_request, response) => response.end('stolen'));
      const server = await verifying([{ status: 307, headers: { location: `${elsewhere.url}/steal?k=1` } }]);
      const { call, events } = caller(kind, { followRedirects: true });
      const error = await rejection(call(`${server.url}/v1/clusters`));
      expect(error).toBeInstanceOf(RedirectRefusedError);
      expect(error).toMatchObject({ code: 'ERR_SKE_REDIRECT_REFUSED', reason: 'other-origin', status: 307 });
      expect(error.message).not.toContain('k=1');
      expect(elsewhere.requests).toEqual([]);
      expect(server.received).toHaveLength(1);
      expect(events.map((event) => [event.response?.status, event.retry])).toEqual([[307, undefined]]);
    });

    it('to the same origin are followed with followRedirects, signed afresh for the new URL', async () => {
      const server = await verifying([{ status: 302, headers: { location: '/v1/moved?size=2' } }]);
      const { call, events } = caller(kind, { followRedirects: true });
      expect(await call(`${server.url}/v1/clusters?size=1`)).toMatchObject({ status: 200, text: 'ok' });
      expect(server.received.map((record) => [record.url, record.verdict])).toEqual([
        [`${server.url}/v1/clusters?size=1`, 'accepted'],
        [`${server.url}/v1/moved?size=2`, 'accepted'],
      ]);
      expect(events.map((event) => [event.url, event.retry])).toEqual([
        [`${server.url}/v1/clusters?size=1`, { reason: 'redirect', delayMs: 0 }],
        [`${server.url}/v1/moved?size=2`, undefined],
      ]);
    });

    it(`stop after 20 in a row`, async () => {
      const server = await serve(redirect(302, '/again'));
      const error = await rejection(caller(kind, { followRedirects: true }).call(`${server.url}/start`));
      expect(error).toMatchObject({ reason: 'too-many-redirects', status: 302 });
      expect(server.requests).toHaveLength(21);
    });
  });

  describe('the retry rule', () => {
    it('never sends a DELETE again once the connection was lost after it was sent', async () => {
      const server = await serve(hangUp);
      const error = await rejection(caller(kind).call(`${server.url}/v1/clusters/c`, { method: 'DELETE' }));
      expect(error).toBeInstanceOf(kind === 'signed fetch' ? TypeError : NetworkError);
      expect(server.requests.map((request) => request.method)).toEqual(['DELETE']);
    });

    it('sends a DELETE again when the connection was refused: it never left', async () => {
      const closed = await startServer(() => undefined);
      await closed.close();
      const { call, events } = caller(kind, { retry: { maxRetries: 2 } });
      await expect(call(`${closed.url}/v1/clusters/c`, { method: 'DELETE' })).rejects.toBeDefined();
      expect(events.map((event) => event.retry?.reason)).toEqual(['network', 'network', undefined]);
    });

    it('sends a DELETE again on a 503 with Retry-After, not without', async () => {
      const server = await verifying([{ status: 503, headers: { 'retry-after': '0' } }, { status: 503 }]);
      const { call } = caller(kind);
      expect((await call(`${server.url}/v1/clusters/c`, { method: 'DELETE' })).status).toBe(503);
      expect(server.received.map((record) => record.method)).toEqual(['DELETE', 'DELETE']);
    });
  });
});

describe('the signed fetch with a body that is not safe to send twice', () => {
  it('sends a PUT once when the server hangs up after reading its body', async () => {
    const server = await serve(hangUp);
    const { call, events } = caller('signed fetch');
    await expect(call(`${server.url}/v1/clusters/c`, { method: 'PUT', body: '{"size":3}' })).rejects.toBeInstanceOf(
      TypeError,
    );
    expect(server.requests.map((request) => [request.method, request.body])).toEqual([['PUT', '{"size":3}']]);
    expect(events.map((event) => event.retry)).toEqual([undefined]);
  });

  it('sends a PUT again on a 503 with Retry-After, and not on one without', async () => {
    const retried = await verifying([{ status: 503, headers: { 'retry-after': '0' } }]);
    expect((await caller('signed fetch').call(`${retried.url}/v1/c`, { method: 'PUT', body: '{}' })).status).toBe(200);
    expect(retried.received).toHaveLength(2);
    const kept = await verifying([{ status: 503 }]);
    expect((await caller('signed fetch').call(`${kept.url}/v1/c`, { method: 'PUT', body: '{}' })).status).toBe(503);
    expect(kept.received).toHaveLength(1);
  });

  it('sends a POST again on a 429 with Retry-After, not on a 500 with one', async () => {
    const retried = await verifying([{ status: 429, headers: { 'retry-after': '0' } }]);
    expect((await caller('signed fetch').call(`${retried.url}/v1/c`, { method: 'POST', body: '{}' })).status).toBe(200);
    expect(retried.received).toHaveLength(2);
    const kept = await verifying([{ status: 500, headers: { 'retry-after': '0' } }]);
    expect((await caller('signed fetch').call(`${kept.url}/v1/c`, { method: 'POST', body: '{}' })).status).toBe(500);
    expect(kept.received).toHaveLength(1);
  });

  it('sends a PUT once when its attempt times out', async () => {
    const server = await verifying(['hang']);
    const { call, events } = caller('signed fetch', { retry: { attemptTimeoutMs: 200 } });
    await expect(call(`${server.url}/v1/c`, { method: 'PUT', body: '{}' })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    // One attempt, not retried (on a loaded machine it may time out before it even reaches the server).
    expect(events.map((event) => [event.attempt, event.retry])).toEqual([[1, undefined]]);
    expect(server.received.length).toBeLessThanOrEqual(1);
  });

  it('sends a POST again when the connection was refused', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const { call, events } = caller('signed fetch', { retry: { maxRetries: 1 } });
    await expect(call(`${closed.url}/v1/c`, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(TypeError);
    expect(events.map((event) => event.retry?.reason)).toEqual(['network', undefined]);
  });

  it.each([
    ['a URL', false],
    ['a Request', true],
  ])(
    'follows a 307 after a PUT from %s with its body, and a 303 after a POST as a GET without one',
    async (_name, asRequest) => {
      let requests = 0;
      const server = await serve((_request, response) => {
        requests++;
        if (requests === 1) return redirect(307, '/put-here')(_request, response);
        if (requests === 3) return redirect(303, '/see-here')(_request, response);
        response.end('done');
      });
      const signedFetch = createSignedFetch({ credentials, followRedirects: true });
      const send = (path: string, init: RequestInit) =>
        asRequest ? signedFetch(new Request(`${server.url}${path}`, init)) : signedFetch(`${server.url}${path}`, init);
      expect(await (await send('/put', { method: 'PUT', body: '{"a":1}' })).text()).toBe('done');
      expect(await (await send('/post', { method: 'POST', body: '{"b":2}' })).text()).toBe('done');
      expect(server.requests.map((request) => [request.method, request.url, request.body])).toEqual([
        ['PUT', '/put', '{"a":1}'],
        ['PUT', '/put-here', '{"a":1}'],
        ['POST', '/post', '{"b":2}'],
        ['GET', '/see-here', ''],
      ]);
      // Each request signed for its own URL.
      const signatures = server.requests.map((request) => request.headers['scp-signature']);
      expect(new Set(signatures).size).toBe(4);
    },
  );

  it('refuses a 307 that would send a streamed body again', async () => {
    const server = await serve(redirect(307, '/again'));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
    const signedFetch = createSignedFetch({ credentials, followRedirects: true });
    const error = await rejection(
      signedFetch(`${server.url}/x`, { method: 'PUT', body, duplex: 'half' } as RequestInit),
    );
    expect(error).toMatchObject({ reason: 'stream-body', status: 307 });
    expect(server.requests).toHaveLength(1);
  });

  it('holds the body the caller reads later to the deadline, and lets go of it once read', async () => {
    const server = await serve(trickle(50));
    const controller = new AbortController();
    const response = await createSignedFetch({ credentials, timeoutMs: 1500 })(`${server.url}/slow`, {
      signal: controller.signal,
    });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    await expect(response.text()).rejects.toBeInstanceOf(SkeTimeoutError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('the attempt loop, where it could leave something behind', () => {
  it('asks no credentials and sends nothing for a call whose signal is already aborted', async () => {
    const server = await serve((_request, response) => response.end('ok'));
    let asked = 0;
    const signedGet = createSignedGet({
      credentials: async () => {
        asked++;
        throw new Error('no keys here');
      },
    });
    const error = await rejection(signedGet(`${server.url}/x`, { signal: AbortSignal.abort(new Error('already')) }));
    expect(error.message).toBe('already');
    expect(asked).toBe(0);
    expect(server.requests).toEqual([]);
  });

  it("leaves no listener on the caller's signal when the call fails", async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const controller = new AbortController();
    const signedGet = createSignedGet({ credentials, retry: { maxRetries: 0 } });
    await expect(signedGet(`${closed.url}/x`, { signal: controller.signal })).rejects.toBeInstanceOf(NetworkError);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('never sends a streamed body twice, even when the connection was refused', async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const events: AttemptEvent[] = [];
    const signedFetch = createSignedFetch({ credentials, onAttempt: (event) => events.push(event) });
    const body = new ReadableStream({
      start(controller) {
        controller.close();
      },
    });
    const init = { method: 'PUT', body, duplex: 'half' } as RequestInit;
    await expect(signedFetch(`${closed.url}/x`, init)).rejects.toBeInstanceOf(TypeError);
    expect(events.map((event) => event.retry)).toEqual([undefined]);
  });

  it('cancels the body of a redirect it follows', async () => {
    let cancelled = 0;
    let calls = 0;
    const signedFetch = createSignedFetch({
      credentials,
      followRedirects: true,
      fetch: async () =>
        ++calls === 1
          ? new Response(new ReadableStream({ cancel: () => void cancelled++ }), {
              status: 302,
              headers: { location: '/next' },
            })
          : new Response('ok'),
    });
    expect(await (await signedFetch('http://127.0.0.1:9/x')).text()).toBe('ok');
    expect(cancelled).toBe(1);
  });

  it('follows a redirect of a call made without init, and of a GET Request, with its headers and signal', async () => {
    const server = await verifying([
      { status: 302, headers: { location: '/v1/first' } },
      { status: 200, body: 'ok' },
      { status: 301, headers: { location: '/v1/second' } },
    ]);
    const signedFetch = createSignedFetch({ credentials, followRedirects: true });
    expect(await (await signedFetch(`${server.url}/v1/start`)).text()).toBe('ok');
    const request = new Request(`${server.url}/v1/again`, {
      headers: { 'x-trace': 't-7' },
      signal: new AbortController().signal,
    });
    expect(await (await signedFetch(request)).text()).toBe('ok');
    expect(server.received.map((record) => [record.url.slice(server.url.length), record.verdict])).toEqual([
      ['/v1/start', 'accepted'],
      ['/v1/first', 'accepted'],
      ['/v1/again', 'accepted'],
      ['/v1/second', 'accepted'],
    ]);
    expect(server.received[3]?.headers['x-trace']).toEqual(['t-7']);
  });

  it.each(['signed GET over fetch', 'signed GET over node:http'] as const)(
    'reports an attempt time-out of the %s as a NetworkError (its cause the TimeoutError), and retries a GET',
    async (kind) => {
      const server = await verifying(['hang']);
      const { call, events } = caller(kind, { retry: { attemptTimeoutMs: 200 } });
      expect((await call(`${server.url}/v1/clusters`)).status).toBe(200);
      expect(events[0]?.error).toBeInstanceOf(NetworkError);
      expect(events[0]?.error).toMatchObject({ code: 'ERR_SKE_NETWORK', cause: { name: 'TimeoutError' } });
      expect(events[0]?.retry?.reason).toBe('network');
    },
  );

  it('fails a PUT whose attempt times out with a NetworkError over the signed GET, sent once', async () => {
    const server = await verifying(['hang']);
    const { call, events } = caller('signed GET over node:http', { retry: { attemptTimeoutMs: 200 } });
    const error = await rejection(call(`${server.url}/v1/c`, { method: 'PUT', body: '{}' }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe(`network error: The attempt took longer than 200 ms (PUT ${server.url})`);
    expect(events.map((event) => [event.attempt, event.retry])).toEqual([[1, undefined]]);
    expect(server.received.length).toBeLessThanOrEqual(1);
  });

  it("keeps a caller's own TimeoutError (AbortSignal.timeout) as it is", async () => {
    const server = await verifying(['hang']);
    const { call } = caller('signed GET over node:http', { retry: { attemptTimeoutMs: 10_000 } });
    const error = await rejection(call(`${server.url}/v1/c`, { signal: AbortSignal.timeout(100) }));
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });
});
