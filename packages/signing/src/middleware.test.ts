import createClient, { type ClientOptions, type Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { ClockSkew } from './clock-skew.js';
import { createSigningMiddleware } from './middleware.js';
import { signRequest } from './sign-request.js';
import { createSignedFetch } from './signed-fetch.js';
import { startServer } from './testing/hostile-server.js';
import { startVerifyingServer } from './testing/verifying-server.js';

const credentials = { accessKey: 'AKMW', secretKey: 'middleware-secret' };
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

// biome-ignore lint/suspicious/noExplicitAny: an untyped client is enough to exercise the adapters.
type AnyPaths = any;

describe('openapi-fetch adapters', () => {
  it('fit openapi-fetch types: a Middleware, and a ClientOptions fetch', () => {
    const middleware: Middleware = createSigningMiddleware({ credentials });
    const fetchOption: ClientOptions['fetch'] = createSignedFetch({ credentials });
    expect(typeof middleware.onRequest).toBe('function');
    expect(typeof fetchOption).toBe('function');
  });

  it('signs through the middleware, query string included', async () => {
    const server = await startVerifyingServer({ keys: { AKMW: credentials.secretKey } });
    close = server.close;
    const client = createClient<AnyPaths>({ baseUrl: server.url });
    client.use(createSigningMiddleware({ credentials, language: 'ko-KR' }));
    const { response } = await client.GET('/v1/clusters/{cluster_id}/user-kubeconfig', {
      params: { path: { cluster_id: '70a599e031e749b7b260868f441e862b' }, query: { kubeconfig_type: 'public' } },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(server.received[0]).toMatchObject({
      verdict: 'accepted',
      url: `${server.url}/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=public`,
    });
    expect(response.headers.get('content-type')).toBeNull();
  });

  it('sends the method upper case, as it signs it, when an earlier middleware made it lower case', async () => {
    const server = await startVerifyingServer({ keys: { AKMW: credentials.secretKey } });
    close = server.close;
    const client = createClient<AnyPaths>({ baseUrl: server.url });
    client.use({ onRequest: ({ request }) => new Request(request, { method: 'patch' }) });
    client.use(createSigningMiddleware({ credentials }));
    const { response } = await client.GET('/v1/clusters', { parseAs: 'text' });
    expect(response.status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([['PATCH', 'accepted']]);
  });

  it('signRequest returns the request to send: an upper-case copy of a lower-case one, signed', async () => {
    const server = await startVerifyingServer({ keys: { AKMW: credentials.secretKey } });
    close = server.close;
    const original = new Request(`${server.url}/v1/clusters?size=1`, { method: 'purge' });
    const signed = signRequest(original, { credentials });
    expect(signed.method).toBe('PURGE');
    expect((await fetch(signed)).status).toBe(200);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([['PURGE', 'accepted']]);
    const upper = new Request(`${server.url}/v1/clusters`);
    expect(signRequest(upper, { credentials })).toBe(upper);
  });

  it('learns clock skew in onResponse, so the next request is accepted', async () => {
    const server = await startVerifyingServer({ keys: { AKMW: credentials.secretKey } });
    close = server.close;
    const skew = new ClockSkew();
    const client = createClient<AnyPaths>({ baseUrl: server.url });
    client.use(createSigningMiddleware({ credentials, clockSkew: skew, now: () => Date.now() + 20 * 60 * 1000 }));
    expect((await client.GET('/x', { parseAs: 'text' })).response.status).toBe(401);
    expect(Math.round(skew.offsetMs / 60_000)).toBe(-20);
    expect((await client.GET('/x', { parseAs: 'text' })).response.status).toBe(200);
  });

  it('retries and signs afresh when the signed fetch is the client fetch', async () => {
    const server = await startVerifyingServer({ keys: { AKMW: credentials.secretKey }, script: [{ status: 503 }] });
    close = server.close;
    const client = createClient<AnyPaths>({
      baseUrl: server.url,
      fetch: createSignedFetch({ credentials, retry: { baseDelayMs: 1 } }),
    });
    expect((await client.GET('/x', { parseAs: 'text' })).response.status).toBe(200);
    expect(server.received.map((r) => r.verdict)).toEqual(['accepted', 'accepted']);
  });

  it('never lets fetch follow a redirect: the answer comes as it is, and nothing reaches where it points', async () => {
    const elsewhere = await startServer((_request, response) => response.end('stolen'));
    const server = await startVerifyingServer({
      keys: { AKMW: credentials.secretKey },
      script: [{ status: 307, headers: { location: `${elsewhere.url}/steal` } }],
    });
    close = async () => {
      await server.close();
      await elsewhere.close();
    };
    const client = createClient<AnyPaths>({ baseUrl: server.url });
    client.use(createSigningMiddleware({ credentials }));
    const { response } = await client.POST('/v1/clusters', { body: { name: 'c' }, parseAs: 'text' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe(`${elsewhere.url}/steal`);
    expect(elsewhere.requests).toEqual([]);
    expect(server.received.map((record) => [record.method, record.verdict])).toEqual([['POST', 'accepted']]);
  });

  it("hands on a request that does not follow redirects as it is, and makes one that would follow 'manual'", async () => {
    const middleware = createSigningMiddleware({ credentials });
    for (const redirect of ['manual', 'error'] as const) {
      const request = new Request('http://127.0.0.1:9/x', { redirect });
      expect(await middleware.onRequest({ request })).toBe(request);
    }
    const following = new Request('http://127.0.0.1:9/x', { method: 'PUT', body: '{"a":1}' });
    const sent = await middleware.onRequest({ request: following });
    expect(sent.redirect).toBe('manual');
    expect(sent.headers.get('scp-signature')).not.toBeNull();
    expect(await sent.text()).toBe('{"a":1}');
  });
});
