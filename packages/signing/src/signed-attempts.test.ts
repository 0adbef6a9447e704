/**
 * The attempt loop's rules, each observed on the wire against a verifying server (which recomputes
 * every signature): which methods are retried and when they stop, that every attempt is signed
 * afresh whatever the input, when the clock-skew re-sign happens (a 401 explained by the Date
 * header, once), and the `language` option.
 */
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { NetworkError } from './errors.js';
import { sleep } from './retry.js';
import type { AttemptEvent, SignedFetchOptions } from './signed-attempts.js';
import { createSignedFetch, createSignedGet } from './signed-fetch.js';
import { type Scripted, startVerifyingServer } from './testing/verifying-server.js';

const SECRET = 'secret-of-the-attempt-tests';
const credentials = { accessKey: 'AKATTEMPT', secretKey: SECRET };
const PATH = '/v1/clusters?size=20';
const TEN_MINUTES = 10 * 60 * 1000;

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function start(script: Scripted[] = [], server: { now?: () => number; windowMs?: number } = {}) {
  const started = await startVerifyingServer({ keys: { [credentials.accessKey]: SECRET }, script, ...server });
  servers.push(started);
  return started;
}

function transports(options: Partial<SignedFetchOptions> = {}) {
  const events: AttemptEvent[] = [];
  const settings: SignedFetchOptions = {
    credentials,
    ...options,
    retry: { baseDelayMs: 1, ...options.retry },
    onAttempt: (event) => events.push(event),
  };
  return { events, signedFetch: createSignedFetch(settings), signedGet: createSignedGet(settings) };
}

describe('retries', () => {
  it.each(['fetch', 'get'] as const)(
    'over %s, gives up after maxRetries network errors, failing with the last one',
    async (kind) => {
      const server = await start(['drop', 'drop', 'drop', 'drop']);
      const { events, signedFetch, signedGet } = transports({ retry: { maxRetries: 2 } });
      const send = kind === 'fetch' ? signedFetch : signedGet;
      const error = await send(`${server.url}${PATH}`).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(kind === 'fetch' ? TypeError : NetworkError);
      expect(server.received).toHaveLength(3);
      expect(events.map((event) => [event.attempt, event.retry?.reason])).toEqual([
        [1, 'network'],
        [2, 'network'],
        [3, undefined],
      ]);
      expect(events[2]?.error).toBe(error);
    },
  );

  it('with maxRetries 0, sends once: a retryable status is returned, a network error thrown', async () => {
    const server = await start([{ status: 503 }, 'drop']);
    const { signedGet, events } = transports({ retry: { maxRetries: 0 } });
    expect((await signedGet(`${server.url}${PATH}`)).status).toBe(503);
    await expect(signedGet(`${server.url}${PATH}`)).rejects.toBeInstanceOf(NetworkError);
    expect(server.received).toHaveLength(2);
    expect(events.map((event) => event.retry)).toEqual([undefined, undefined]);
  });

  it.each([
    ['HEAD', 'fetch', {}],
    ['OPTIONS', 'fetch', {}],
    ['HEAD', 'get', {}],
    ['OPTIONS', 'get', {}],
    ['PUT', 'fetch', { 'retry-after': '0' }],
    ['DELETE', 'fetch', { 'retry-after': '0' }],
    ['DELETE', 'get', { 'retry-after': '0' }],
  ] as const)('retries %s over %s after a 503 (%j), each attempt signed afresh', async (method, kind, headers) => {
    const server = await start([{ status: 503, headers }]);
    const { signedFetch, signedGet, events } = transports();
    const url = `${server.url}${PATH}`;
    const reply =
      kind === 'fetch'
        ? await signedFetch(url, { method, ...(method === 'PUT' && { body: '{}' }) })
        : await signedGet(url, { method });
    expect(reply.status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([
      [method, 'accepted'],
      [method, 'accepted'],
    ]);
    expect(server.received[1]?.signature).not.toBe(server.received[0]?.signature);
    expect(events.map((event) => event.attempt)).toEqual([1, 2]);
    expect(events[1]?.response?.status).toBe(200);
  });

  it('does not retry a PUT whose body is a stream, which cannot be sent twice', async () => {
    const server = await start([{ status: 503 }]);
    const { signedFetch } = transports();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
    const reply = await signedFetch(`${server.url}${PATH}`, { method: 'PUT', body, duplex: 'half' } as RequestInit);
    expect(reply.status).toBe(503);
    expect(server.received).toHaveLength(1);
  });
});

describe('a Request', () => {
  it('is signed in place, and every retry carries a new timestamp and signature', async () => {
    const server = await start([{ status: 503 }, { status: 503 }]);
    const { signedFetch, events } = transports();
    const request = new Request(`${server.url}${PATH}`);
    expect((await signedFetch(request)).status).toBe(200);
    expect(server.received.map((record) => record.verdict)).toEqual(['accepted', 'accepted', 'accepted']);
    const [first, second, third] = server.received;
    expect(new Set([first?.signature, second?.signature, third?.signature]).size).toBe(3);
    expect(second?.timestamp).toBeGreaterThan(first?.timestamp as number);
    expect(third?.timestamp).toBeGreaterThan(second?.timestamp as number);
    // The request handed over carries the last attempt's signing headers, which the events show.
    expect(request.headers.get('scp-signature')).toBe(third?.signature);
    expect(events[2]?.headers.get('scp-signature')).toBe(third?.signature);
  });

  it('with a body is replayed on a retry', async () => {
    const server = await start([{ status: 503, headers: { 'retry-after': '0' } }]);
    const { signedFetch } = transports();
    const request = new Request(`${server.url}${PATH}`, { method: 'PUT', body: '{"size":3}' });
    expect((await signedFetch(request)).status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([
      ['PUT', 'accepted'],
      ['PUT', 'accepted'],
    ]);
  });

  it('with an init takes the init into account', async () => {
    const server = await start();
    const { signedFetch } = transports();
    const reply = await signedFetch(new Request(`${server.url}${PATH}`), { headers: { 'x-trace': 'from-init' } });
    expect(reply.status).toBe(200);
    expect(server.received[0]?.headers['x-trace']).toEqual(['from-init']);
  });

  it('is held to attemptTimeoutMs, and retried', async () => {
    const server = await start(['hang']);
    const { signedFetch, events } = transports({ retry: { attemptTimeoutMs: 200 } });
    expect((await signedFetch(new Request(`${server.url}${PATH}`))).status).toBe(200);
    expect(events[0]?.error).toMatchObject({ name: 'TimeoutError' });
  });
});

describe('attempt deadlines', () => {
  it("still stop at once when the caller's signal aborts, reporting no attempt", async () => {
    const server = await start(['hang']);
    const { signedGet, events } = transports({ retry: { attemptTimeoutMs: 30_000 } });
    const controller = new AbortController();
    const started = Date.now();
    const pending = signedGet(`${server.url}${PATH}`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(events).toEqual([]);
  });

  it('stop counting once the answer is in: a body read later is not cut', async () => {
    const server = await start([{ status: 200, body: 'the whole body' }]);
    // A deadline the answer beats even on a loaded machine (100 ms did not, once), then read after it passed.
    const { signedFetch } = transports({ retry: { attemptTimeoutMs: 1000 } });
    const response = await signedFetch(`${server.url}${PATH}`);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    expect(await response.text()).toBe('the whole body');
  });
});

describe('clock skew', () => {
  it('learns the offset from a 200 without sending it again', async () => {
    const server = await start([], { now: () => Date.now() + TEN_MINUTES, windowMs: 60 * TEN_MINUTES });
    const { signedGet, events } = transports();
    expect((await signedGet(`${server.url}${PATH}`)).status).toBe(200);
    expect(server.received).toHaveLength(1);
    expect(events.map((event) => event.retry)).toEqual([undefined]);
    // Learned: the next request is signed on the server's clock.
    await signedGet(`${server.url}${PATH}`);
    expect(server.received[1]?.timestamp).toBeGreaterThan(Date.now() + TEN_MINUTES - 60_000);
  });

  it('re-signs once only: a second skewed 401 is returned', async () => {
    let requests = 0;
    // The server's clock jumps ten more minutes on every request.
    const server = await start([], { now: () => Date.now() + TEN_MINUTES * ++requests });
    const { signedGet, events } = transports();
    const reply = await signedGet(`${server.url}${PATH}`);
    expect(reply.status).toBe(401);
    expect(server.received.map((record) => record.verdict)).toEqual(['stale-timestamp', 'stale-timestamp']);
    expect(events.map((event) => event.retry?.reason)).toEqual(['clock-skew', undefined]);
  });
});

describe('the language option', () => {
  it.each(['fetch', 'get'] as const)('sends its Accept-Language over %s', async (kind) => {
    const server = await start();
    const { signedFetch, signedGet } = transports({ language: 'ko-KR' });
    await (kind === 'fetch' ? signedFetch : signedGet)(`${server.url}${PATH}`);
    expect(server.received[0]?.headers['accept-language']).toEqual(['ko-KR']);
    expect(server.received[0]?.verdict).toBe('accepted');
  });

  it('sends none of its own when null', async () => {
    const server = await start();
    const { signedGet, signedFetch } = transports({ language: null });
    await signedGet(`${server.url}${PATH}`);
    await signedFetch(`${server.url}${PATH}`);
    expect(server.received[0]?.headers['accept-language']).toBeUndefined();
    // fetch adds its own default, never en-US.
    expect(server.received[1]?.headers['accept-language']).not.toEqual(['en-US']);
  });

  it("fills in a Request's missing Accept-Language and keeps its own", async () => {
    const server = await start();
    const { signedFetch } = transports({ language: 'ko-KR' });
    await signedFetch(new Request(`${server.url}${PATH}`));
    await signedFetch(new Request(`${server.url}${PATH}`, { headers: { 'Accept-Language': 'ja-JP' } }));
    expect(server.received.map((record) => record.headers['accept-language'])).toEqual([['ko-KR'], ['ja-JP']]);
  });

  it('sends no Scp-AccountId for keys without an account', async () => {
    const server = await start();
    await transports().signedGet(`${server.url}${PATH}`);
    expect(server.received[0]?.headers['scp-accountid']).toBeUndefined();
    expect(server.received[0]?.verdict).toBe('accepted');
  });
});

describe('answers that are retried', () => {
  it('have their body cancelled', async () => {
    let cancelled = 0;
    const { signedFetch } = transports({
      fetch: async () =>
        cancelled === 0
          ? new Response(new ReadableStream({ cancel: () => void cancelled++ }), { status: 503 })
          : new Response('ok'),
    });
    expect((await signedFetch('http://127.0.0.1:9/x')).status).toBe(200);
    expect(cancelled).toBe(1);
  });

  it("reach a signed GET's fetch option with the method and the signing headers", async () => {
    const seen: RequestInit[] = [];
    const { signedGet } = transports({
      fetch: async (_url, init) => {
        seen.push(init as RequestInit);
        return new Response('ok');
      },
    });
    await signedGet('http://127.0.0.1:9/x', { method: 'HEAD' });
    expect(seen[0]?.method).toBe('HEAD');
    expect(Object.keys(seen[0]?.headers as Record<string, string>)).toContain('scp-signature');
  });
});

describe('sleep', () => {
  it('rejects at once for a signal already aborted', async () => {
    await expect(sleep(30_000, AbortSignal.abort(new Error('already')))).rejects.toThrow('already');
  });

  it('leaves no listener on the signal, whether it ends or is aborted', async () => {
    const ended = new AbortController();
    await sleep(1, ended.signal);
    expect(getEventListeners(ended.signal, 'abort')).toHaveLength(0);
    const aborted = new AbortController();
    const sleeping = sleep(30_000, aborted.signal);
    aborted.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    expect(getEventListeners(aborted.signal, 'abort')).toHaveLength(0);
  });
});

describe('an attempt event', () => {
  it('makes its headers only when the hook reads them (a Headers object loads Node’s fetch implementation)', async () => {
    const server = await start([{ status: 503 }]);
    const made: unknown[] = [];
    const RealHeaders = globalThis.Headers;
    globalThis.Headers = class extends RealHeaders {
      constructor(init?: HeadersInit) {
        super(init);
        made.push(this);
      }
    };
    try {
      const seen: AttemptEvent[] = [];
      const signedGet = createSignedGet({
        credentials,
        retry: { baseDelayMs: 1 },
        onAttempt: (event) => seen.push(event),
      });
      expect((await signedGet(`${server.url}${PATH}`)).status).toBe(200);
      expect(seen.map((event) => event.attempt)).toEqual([1, 2]);
      expect(made).toHaveLength(0);
      // Read afterwards, each event still gives its own attempt's signing headers.
      expect(seen.map((event) => event.headers.get('scp-signature'))).toEqual(
        server.received.map((record) => record.signature),
      );
      expect(made).toHaveLength(2);
    } finally {
      globalThis.Headers = RealHeaders;
    }
  });
});
