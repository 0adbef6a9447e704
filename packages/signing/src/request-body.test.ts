/**
 * A request body through `createSignedGet`, over node:http and over a given `fetch`: sent as written with
 * its length, signed like any request (the signature covers method, URL, timestamp and keys, not the body),
 * and sent again unchanged on a retry the policy allows.
 */
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeHttpSend } from './node-http.js';
import { createSignedGet } from './signed-fetch.js';

const credentials = { accessKey: 'AK', secretKey: 'SK' };

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

interface Received {
  method: string | undefined;
  length: string | undefined;
  type: string | undefined;
  body: string;
}

/** A server that records what each request carried and answers with `status` (then 200). */
async function recordingServer(statuses: number[] = []): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  const listener: RequestListener = (request: IncomingMessage, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({
        method: request.method,
        length: request.headers['content-length'],
        type: request.headers['content-type'],
        body,
      });
      const status = statuses.shift() ?? 200;
      response.writeHead(status, status === 503 ? { 'retry-after': '0' } : {});
      response.end('{}');
    });
  };
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const BODY = JSON.stringify({ name: 'sample-nodepool', labels: [{ key: 'app', value: '클러스터' }] });

describe('a request body', () => {
  it('goes over node:http as written, with its byte length', async () => {
    const { url, received } = await recordingServer();
    const reply = await nodeHttpSend('PUT', `${url}/x`, { 'content-type': 'application/json' }, undefined, 1024, BODY);
    expect(reply.status).toBe(200);
    expect(received).toEqual([
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
    expect(received).toEqual([expect.objectContaining({ method: 'POST', type: 'application/json', body: BODY })]);
  });

  it('is sent by createSignedGet through a given fetch', async () => {
    const { url, received } = await recordingServer();
    const send = createSignedGet({ credentials, fetch: (input, init) => fetch(input, init) });
    await send(`${url}/v1/nodepools`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
    expect(received).toEqual([expect.objectContaining({ method: 'POST', body: BODY })]);
  });

  it('is sent again unchanged when the service said it did nothing (503 with Retry-After)', async () => {
    const { url, received } = await recordingServer([503]);
    const send = createSignedGet({ credentials, retry: { baseDelayMs: 1 } });
    const reply = await send(`${url}/v1/clusters`, { method: 'POST', body: BODY });
    expect(reply.status).toBe(200);
    expect(received.map((request) => request.body)).toEqual([BODY, BODY]);
  });

  it('is absent from a request without one (no content-length on a GET)', async () => {
    const { url, received } = await recordingServer();
    await createSignedGet({ credentials })(`${url}/v1/clusters`);
    expect(received).toEqual([{ method: 'GET', length: undefined, type: undefined, body: '' }]);
  });
});
