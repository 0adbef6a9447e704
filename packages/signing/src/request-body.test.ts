/**
 * A request body through `createSignedGet`, over node:http and over a given `fetch`: sent as written with
 * its length, signed like any request (the signature covers method, URL, timestamp and keys, not the body),
 * and sent again unchanged on a retry the policy allows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpSend } from './node-http.js';
import { createSignedGet } from './signed-fetch.js';
import { startServer, type TestServer } from './testing/hostile-server.js';

const credentials = { accessKey: 'AK', secretKey: 'SK' };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A server that answers `statuses` in turn (then 200); `received()` is what each request carried. */
async function recordingServer(statuses: number[] = []) {
  const server = await startServer((_request, response) => {
    const status = statuses.shift() ?? 200;
    response.writeHead(status, status === 503 ? { 'retry-after': '0' } : {});
    response.end('{}');
  });
  servers.push(server);
  const received = () =>
    server.requests.map(({ method, headers, body }) => ({
      method,
      length: headers['content-length'],
      type: headers['content-type'],
      body,
    }));
  return { url: server.url, received };
}

const BODY = JSON.stringify({ name: 'sample-nodepool', labels: [{ key: 'app', value: '클러스터' }] });

describe('a request body', () => {
  it('goes over node:http as written, with its byte length', async () => {
    const { url, received } = await recordingServer();
    const reply = await nodeHttpSend('PUT', `${url}/x`, { 'content-type': 'application/json' }, undefined, 1024, BODY);
    expect(reply.status).toBe(200);
    expect(received()).toEqual([
      { method: 'PUT', length: String(Buffer.byteLength(BODY)), type: 'application/json', body: BODY },
    ]);
  });

  it('is sent by createSignedGet over node:http, signed like any request', async () => {
    const { url, received } = await recordingServer();
    const send = createSignedGet({ credentials });
    const reply = await send(`${url}/v1/nodepools`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BODY,
    });
    expect(reply.status).toBe(200);
    expect(received()).toEqual([expect.objectContaining({ method: 'POST', type: 'application/json', body: BODY })]);
  });

  it('is sent by createSignedGet through a given fetch', async () => {
    const { url, received } = await recordingServer();
    const send = createSignedGet({ credentials, fetch: (input, init) => fetch(input, init) });
    await send(`${url}/v1/nodepools`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    expect(received()).toEqual([expect.objectContaining({ method: 'POST', body: BODY })]);
  });

  it('is sent again unchanged when the service said it did nothing (503 with Retry-After)', async () => {
    const { url, received } = await recordingServer([503]);
    const send = createSignedGet({ credentials, retry: { baseDelayMs: 1 } });
    const reply = await send(`${url}/v1/clusters`, { method: 'POST', body: BODY });
    expect(reply.status).toBe(200);
    expect(received().map((request) => request.body)).toEqual([BODY, BODY]);
  });

  it('is absent from a request without one (no content-length on a GET)', async () => {
    const { url, received } = await recordingServer();
    await createSignedGet({ credentials })(`${url}/v1/clusters`);
    expect(received()).toEqual([{ method: 'GET', length: undefined, type: undefined, body: '' }]);
  });
});
