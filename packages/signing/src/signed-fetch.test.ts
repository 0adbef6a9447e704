import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, SigningOptionError } from './errors.js';
import { redactedHeaders } from './sign-request.js';
import type { AttemptEvent, SignedFetchOptions } from './signed-attempts.js';
import { createSignedFetch, createSignedGet, type SignedGetInit } from './signed-fetch.js';
import { type Scripted, startVerifyingServer } from './testing/verifying-server.js';

const CANARY = 'CANARY-secret-91b2-never-print';
const credentials = { accessKey: 'AKTEST', secretKey: CANARY };
const PATH = '/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=private';
const TEN_MINUTES = 10 * 60 * 1000;

/** Every GET behaviour holds for both ways of sending: the signed fetch and the signed GET over node:http. */
const TRANSPORTS = ['fetch', 'get'] as const;
let transport: (typeof TRANSPORTS)[number] = 'fetch';

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function setup(script: Scripted[] = [], options: Partial<SignedFetchOptions> = {}) {
  const server = await startVerifyingServer({ keys: { [credentials.accessKey]: CANARY }, script });
  servers.push(server);
  const events: AttemptEvent[] = [];
  const transportOptions: SignedFetchOptions = {
    credentials,
    retry: { baseDelayMs: 10, random: () => 0.99, ...options.retry },
    onAttempt: (event) => events.push(event),
    ...options,
  };
  const signedFetch = createSignedFetch(transportOptions);
  const signedGet = createSignedGet(transportOptions);
  const send =
    transport === 'fetch' ? signedFetch : (url: string, init?: RequestInit) => signedGet(url, init as SignedGetInit);
  return { server, events, signedFetch, send };
}

describe('createSignedFetch', () => {
  it('does not retry a non-idempotent method', async () => {
    const { server, signedFetch } = await setup([{ status: 503 }]);
    expect((await signedFetch(`${server.url}/v1/clusters`, { method: 'POST', body: '{}' })).status).toBe(503);
    expect(server.received).toHaveLength(1);
  });

  it('does not retry a dropped connection for POST', async () => {
    const post = await setup(['drop']);
    await expect(post.signedFetch(`${post.server.url}/v1/clusters`, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(post.server.received).toHaveLength(1);
  });
});

describe.each(TRANSPORTS)('signed %s against a verifying server', (name) => {
  beforeEach(() => {
    transport = name;
  });

  it('signs a request the server accepts, with the default Accept-Language', async () => {
    const { server, send, events } = await setup();
    const response = await send(`${server.url}${PATH}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(server.received.map((r) => r.verdict)).toEqual(['accepted']);
    expect(events[0]?.headers.get('accept-language')).toBe('en-US');
  });

  it.each([
    ['a record', { 'scp-signature': 'stale', 'SCP-TIMESTAMP': '1', 'Accept-Language': 'ko-KR', 'X-Trace': 't1' }],
    ['a Headers', new Headers({ 'Scp-Signature': 'stale', 'accept-language': 'ko-KR', 'x-trace': 't1' })],
    [
      'an array',
      [
        ['SCP-SIGNATURE', 'stale'],
        ['Accept-Language', 'ko-KR'],
        ['X-Trace', 't1'],
      ] as [string, string][],
    ],
  ])(
    "replaces the caller's own signing headers in %s (any case), keeping its Accept-Language and other headers",
    async (_kind, headers) => {
      const { server, send, events } = await setup();
      const response = await send(`${server.url}${PATH}`, { headers });
      expect(response.status).toBe(200);
      const received = server.received[0];
      expect(received?.verdict).toBe('accepted');
      expect(received?.headers['scp-signature']).toHaveLength(1);
      expect(received?.headers['scp-timestamp']).toHaveLength(1);
      expect(received?.headers['accept-language']).toEqual(['ko-KR']);
      expect(received?.headers['x-trace']).toEqual(['t1']);
      expect(events[0]?.headers.get('accept-language')).toBe('ko-KR');
    },
  );

  it("sends the headers option with every request, the request's own of the same name winning, never a signing header", async () => {
    const { server, send } = await setup([], {
      headers: {
        'Scp-Api-Version': 'ske 1.3',
        'X-Trace': 'default',
        'Scp-Signature': 'not-this',
        'Accept-Language': 'ko-KR',
      },
    });
    expect((await send(`${server.url}${PATH}`)).status).toBe(200);
    expect((await send(`${server.url}${PATH}`, { headers: { 'x-trace': 'own' } })).status).toBe(200);
    const [first, second] = server.received;
    expect(first?.verdict).toBe('accepted');
    expect(first?.headers['scp-api-version']).toEqual(['ske 1.3']);
    expect(first?.headers['x-trace']).toEqual(['default']);
    expect(first?.headers['scp-signature']).toHaveLength(1);
    expect(first?.headers['scp-signature']).not.toEqual(['not-this']);
    expect(first?.headers['accept-language']).toEqual(['ko-KR']);
    expect(second?.verdict).toBe('accepted');
    expect(second?.headers['x-trace']).toEqual(['own']);
    expect(second?.headers['scp-api-version']).toEqual(['ske 1.3']);
  });

  it('signs the URL as it goes on the wire: percent-encoded bytes and non-ASCII query', async () => {
    const { server, send } = await setup();
    const response = await send(`${server.url}/v1/clusters/a%2Fb/user-kubeconfig?name=클러스터&x=%7e`);
    expect(response.status).toBe(200);
    expect(server.received[0]?.url).toBe(
      `${server.url}/v1/clusters/a%2Fb/user-kubeconfig?name=%ED%81%B4%EB%9F%AC%EC%8A%A4%ED%84%B0&x=%7e`,
    );
    expect(server.received[0]?.verdict).toBe('accepted');
  });

  it('retries 503, 503 to success, signing every attempt afresh', async () => {
    const { server, send, events } = await setup([{ status: 503 }, { status: 503 }]);
    const response = await send(`${server.url}${PATH}`);
    expect(response.status).toBe(200);
    expect(server.received.map((r) => r.verdict)).toEqual(['accepted', 'accepted', 'accepted']);
    const timestamps = server.received.map((r) => r.timestamp);
    expect(timestamps[1]).toBeGreaterThan(timestamps[0] as number);
    expect(timestamps[2]).toBeGreaterThan(timestamps[1] as number);
    expect(new Set(server.received.map((r) => r.signature)).size).toBe(3);
    expect(events.map((e) => e.retry?.reason)).toEqual(['status', 'status', undefined]);
  });

  it.each([429, 500, 502, 504])('retries %i', async (status) => {
    const { server, send } = await setup([{ status }]);
    expect((await send(`${server.url}${PATH}`)).status).toBe(200);
    expect(server.received).toHaveLength(2);
  });

  it('honours Retry-After up to the cap', async () => {
    const { server, send, events } = await setup(
      [
        { status: 429, headers: { 'retry-after': '0' } },
        { status: 503, headers: { 'retry-after': '3600' } },
      ],
      { retry: { retryAfterCapMs: 30 } },
    );
    expect((await send(`${server.url}${PATH}`)).status).toBe(200);
    expect(events.map((e) => e.retry?.delayMs)).toEqual([0, 30, undefined]);
  });

  it('gives up after maxRetries and returns the last answer', async () => {
    const { server, send } = await setup([{ status: 503 }, { status: 503 }, { status: 503 }], {
      retry: { maxRetries: 1 },
    });
    expect((await send(`${server.url}${PATH}`)).status).toBe(503);
    expect(server.received).toHaveLength(2);
  });

  it('does not retry a 4xx other than 429', async () => {
    const { server, send } = await setup([{ status: 404 }]);
    expect((await send(`${server.url}${PATH}`)).status).toBe(404);
    expect(server.received).toHaveLength(1);
  });

  it('retries a dropped connection for GET', async () => {
    const { server, send, events } = await setup(['drop']);
    expect((await send(`${server.url}${PATH}`)).status).toBe(200);
    expect(events[0]?.retry?.reason).toBe('network');
  });

  it('aborts an attempt that takes longer than attemptTimeoutMs and retries it', async () => {
    const { server, send, events } = await setup(['hang'], { retry: { attemptTimeoutMs: 100 } });
    expect((await send(`${server.url}${PATH}`)).status).toBe(200);
    // The signed GET (the client's transport) says it in its error model; the signed fetch as fetch does.
    expect(events[0]?.error).toMatchObject(
      name === 'get' ? { name: 'NetworkError', cause: { name: 'TimeoutError' } } : { name: 'TimeoutError' },
    );
  });

  it("stops at once when the caller's signal aborts, even while backing off", async () => {
    const hanging = await setup(['hang']);
    const controller = new AbortController();
    const pending = hanging.send(`${hanging.server.url}${PATH}`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });

    // Aborts 20 ms into the 10 s wait that the 503's Retry-After asks for (not on a timer that a slow
    // machine could fire before the first answer).
    const second = new AbortController();
    const backingOff = await setup([{ status: 503, headers: { 'retry-after': '10' } }], {
      retry: { retryAfterCapMs: 60_000 },
      onAttempt: (event) => {
        if (event.retry) setTimeout(() => second.abort(), 20);
      },
    });
    const waiting = backingOff.send(`${backingOff.server.url}${PATH}`, { signal: second.signal });
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(backingOff.server.received).toHaveLength(1);
  });

  it('corrects a 10-minute clock skew from the Date header and re-signs once', async () => {
    const { server, send, events } = await setup([], { now: () => Date.now() - TEN_MINUTES });
    const response = await send(`${server.url}${PATH}`);
    expect(response.status).toBe(200);
    expect(server.received.map((r) => r.verdict)).toEqual(['stale-timestamp', 'accepted']);
    expect(events[0]?.retry?.reason).toBe('clock-skew');
    expect((await send(`${server.url}${PATH}`)).status).toBe(200);
    expect(server.received.map((r) => r.verdict)).toEqual(['stale-timestamp', 'accepted', 'accepted']);
  });

  it('does not retry a 401 that no clock skew explains', async () => {
    const { server } = await setup();
    const wrongSecret = createSignedFetch({ credentials: { accessKey: 'AKTEST', secretKey: 'wrong' } });
    expect((await wrongSecret(`${server.url}${PATH}`)).status).toBe(401);
    expect(server.received.map((r) => r.verdict)).toEqual(['bad-signature']);
  });

  it('never lets the secret reach an event, a redacted log line or an error', async () => {
    const { server, send, events } = await setup(['drop', { status: 503 }], { retry: { maxRetries: 1 } });
    const response = await send(`${server.url}${PATH}`);
    const log = events.map((event) =>
      inspect({ ...event, headers: redactedHeaders(event.headers) }, { depth: 5, getters: true }),
    );
    const failing = createSignedFetch({ credentials, fetch: async () => Promise.reject(new Error('boom')) });
    const error = await failing(`${server.url}${PATH}`).catch((e) => e);
    const badUrl = await send('not a url').catch((e) => e);
    const everything = [...log, inspect(response), inspect(error), String(badUrl), badUrl.stack].join('\n');
    expect(everything).not.toContain(CANARY);
    expect(log.join('\n')).toContain('[redacted]');
  });
});

describe('options refused before any request', () => {
  it.each([
    ['an "AK:SK" string', `AKTEST:${CANARY}`],
    ['a number', 5],
    ['true', true],
  ])('refuses credentials given as %s, never falling back to the environment', async (_name, value) => {
    const server = await startVerifyingServer({ keys: { [credentials.accessKey]: CANARY } });
    servers.push(server);
    // Keys the server accepts sit in the environment: before this check, they were used instead.
    vi.stubEnv('SCP_ACCESS_KEY', credentials.accessKey);
    vi.stubEnv('SCP_SECRET_KEY', CANARY);
    try {
      for (const create of [createSignedFetch, createSignedGet]) {
        const error = (() => {
          try {
            create({ credentials: value as never });
          } catch (caught) {
            return caught;
          }
        })();
        expect(error).toBeInstanceOf(SigningOptionError);
        expect(error).toMatchObject({ option: 'credentials', code: 'ERR_SKE_SIGNING_OPTION' });
        expect(`${(error as Error).message} ${inspect(error)}`).not.toContain(CANARY);
      }
    } finally {
      vi.unstubAllEnvs();
    }
    expect(server.received).toHaveLength(0);
  });
});

describe.each(TRANSPORTS)('signed %s refuses a URL it must not send', (name) => {
  beforeEach(() => {
    transport = name;
  });

  it('refuses a URL with a user name and password: never sent as Basic auth, never printed', async () => {
    const { server, send, events } = await setup();
    const withUserinfo = server.url.replace('http://', `http://user:${CANARY}@`);
    const error = await send(`${withUserinfo}${PATH}`).catch((caught) => caught);
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error).toMatchObject({ option: 'url', code: 'ERR_SKE_SIGNING_OPTION' });
    expect(error.message).toBe(
      'url: expected a URL without a user name or password (SCP authenticates with the signing headers), received a URL with userinfo',
    );
    expect(`${error.message} ${error.stack} ${inspect(error)}`).not.toContain(CANARY);
    expect(server.received).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it.each([
    [
      'a relative URL',
      '/v1/clusters',
      /^url: expected an absolute http\(s\) URL .*, received a relative or malformed URL$/,
    ],
    ['a non-http URL', 'ftp://127.0.0.1/v1/clusters', /^url: expected an http: or https: URL, received a ftp: URL$/],
  ])('refuses %s with a SigningOptionError', async (_kind, url, message) => {
    const { send } = await setup();
    const error = await send(url).catch((caught) => caught);
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error.message).toMatch(message);
  });

  it.each([5, 'GET /', ''])('refuses the method %j, naming init.method', async (method) => {
    const { server, send } = await setup();
    const error = await send(`${server.url}${PATH}`, { method: method as string }).catch((caught) => caught);
    expect(error).toBeInstanceOf(SigningOptionError);
    expect(error).toMatchObject({ option: 'init.method' });
    expect(server.received).toHaveLength(0);
  });
});

describe('the method is sent as it is signed: upper case', () => {
  it.each(['patch', 'purge', 'delete'])(
    'normalises a Request of method %j, which the server then verifies',
    async (method) => {
      const { server, signedFetch } = await setup();
      const response = await signedFetch(new Request(`${server.url}${PATH}`, { method }));
      expect(response.status).toBe(200);
      expect(server.received.map((record) => [record.method, record.verdict])).toEqual([
        [method.toUpperCase(), 'accepted'],
      ]);
    },
  );

  it('keeps the body of a normalised Request', async () => {
    const { server, signedFetch } = await setup();
    const request = new Request(`${server.url}/v1/clusters`, { method: 'patch', body: '{"a":1}' });
    expect((await signedFetch(request)).status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([['PATCH', 'accepted']]);
  });

  it.each([
    ['the signed fetch', 'fetch'],
    ['the signed GET', 'get'],
  ] as const)('sends %s with init.method in lower case upper-cased, as signed', async (_name, kind) => {
    transport = kind;
    const { server, send } = await setup();
    expect((await send(`${server.url}${PATH}`, { method: 'delete' })).status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([['DELETE', 'accepted']]);
  });
});

describe('the headers option with a Request', () => {
  it('fills in what the Request lacks and keeps what it has', async () => {
    const { server, signedFetch } = await setup([], {
      headers: { 'Scp-Api-Version': 'ske 1.3', 'X-Trace': 'default' },
    });
    const request = new Request(`${server.url}${PATH}`, { headers: { 'x-trace': 'own' } });
    expect((await signedFetch(request)).status).toBe(200);
    expect(server.received[0]?.verdict).toBe('accepted');
    expect(server.received[0]?.headers['scp-api-version']).toEqual(['ske 1.3']);
    expect(server.received[0]?.headers['x-trace']).toEqual(['own']);
  });
});

describe('createSignedGet through a fetch option', () => {
  it('turns a rejected fetch into a NetworkError (with the fetch error as its cause) after the retries', async () => {
    const failure = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
    let calls = 0;
    const signedGet = createSignedGet({
      credentials,
      retry: { maxRetries: 1, baseDelayMs: 1 },
      fetch: async () => {
        calls++;
        throw failure;
      },
    });
    const error = await signedGet('http://127.0.0.1:9/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ code: 'ERR_SKE_NETWORK', reason: 'ECONNREFUSED', cause: failure });
    expect(calls).toBe(2);
  });
});

describe('createSignedGet with another method without a body', () => {
  it.each(['DELETE', 'HEAD'])('signs and sends %s, which the server verifies', async (method) => {
    const server = await startVerifyingServer({ keys: { [credentials.accessKey]: CANARY } });
    servers.push(server);
    const reply = await createSignedGet({ credentials })(`${server.url}${PATH}`, { method });
    expect(reply.status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([[method, 'accepted']]);
  });
});
