/**
 * The methods of a client against servers that misbehave, over both transports (node:http, and the
 * fetch option): a 2xx that carries SCP's error envelope is an error, an answer over
 * `maxResponseBytes` or slower than `timeoutMs` fails with its own error, and a redirect is never
 * followed to another origin (by default, never followed at all).
 */
import type { ServerResponse } from 'node:http';
import { computeSignature } from '@scp-ske/signing';
import { describe, expect, it, vi } from 'vitest';
import { createVersionedClient } from './client.js';
import type { SkeClientOptions } from './client-options.js';
import {
  RedirectRefusedError,
  ResponseTooLargeError,
  SigningOptionError,
  SkeApiError,
  SkeTimeoutError,
} from './errors.js';
import { createVersionedRawClient } from './raw.js';
import {
  CLUSTER_ID,
  contract,
  KUBECONFIG,
  OPERATIONS,
  type TestClient,
  trickle,
  useOwnServers,
  useStubServer,
} from './test-support.js';

const stub = useStubServer();
const serve = useOwnServers();
const MiB = 1024 * 1024;

const TRANSPORTS: [string, () => SkeClientOptions][] = [
  ['node:http', () => ({})],
  ['the fetch option', () => ({ fetch: vi.fn((input, init) => fetch(input, init)) })],
];

const clientOf = (extra: SkeClientOptions = {}) =>
  createVersionedClient<TestClient>(contract(), OPERATIONS, stub.options(extra));
const kubeconfig = { clusterId: CLUSTER_ID, kubeconfigType: 'private' } as const;
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => new Error('expected a rejection'),
    (e) => e,
  );

/** Writes 64 KiB chunks until the client closes the connection (or 256 MiB); resolves whether it was closed first. */
function flood(response: ServerResponse): Promise<'closed' | 'finished'> {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  let written = 0;
  const outcome = new Promise<'closed' | 'finished'>((resolve) =>
    response.on('close', () => resolve(response.writableFinished ? 'finished' : 'closed')),
  );
  response.writeHead(200, { 'content-type': 'application/json' });
  const write = () => {
    while (!response.destroyed && written < 256 * MiB) {
      written += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', write);
    }
    if (!response.destroyed) response.end();
  };
  write();
  return outcome;
}

const notFound = JSON.stringify({
  errors: [{ code: 'NotFound', title: 'NotFound', detail: ['no such cluster'], status: 404, request_id: 'req-5' }],
});

describe.each(TRANSPORTS)('over %s', (_name, transport) => {
  describe("a 2xx that carries SCP's error envelope", () => {
    it('rejects a JSON operation as a SkeApiError with the envelope’s code and status', async () => {
      stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: notFound };
      const error = await rejection(clientOf(transport()).listClusters());
      expect(error).toBeInstanceOf(SkeApiError);
      expect(error).toMatchObject({ code: 'NotFound', status: 404, requestId: 'req-5', apiVersion: 'ske 1.3' });
    });

    it('rejects a text operation, and the kubeconfig convenience, the same way', async () => {
      stub.answer = { status: 200, headers: { 'content-type': 'text/plain' }, body: ` ${notFound}\n` };
      const client = clientOf(transport());
      await expect(client.showClusterUserKubeconfig(kubeconfig)).rejects.toMatchObject({
        code: 'NotFound',
        status: 404,
      });
      await expect(client.getUserKubeconfig(kubeconfig)).rejects.toBeInstanceOf(SkeApiError);
    });
  });

  describe('maxResponseBytes', () => {
    it('reads an answer of exactly the limit, and refuses one byte more without asking again', async () => {
      const size = Buffer.byteLength(KUBECONFIG);
      const exact = clientOf({ ...transport(), maxResponseBytes: size });
      expect((await exact.getUserKubeconfig(kubeconfig)).kubeconfig).toBe(KUBECONFIG);
      const under = clientOf({ ...transport(), maxResponseBytes: size - 1, retry: { baseDelayMs: 1 } });
      const error = await rejection(under.getUserKubeconfig(kubeconfig));
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_TOO_LARGE', limit: size - 1 });
      expect(stub.requests).toHaveLength(2);
    });

    it('stops an endless answer at 16 MiB by default, closing the connection', async () => {
      let outcome: Promise<'closed' | 'finished'> | undefined;
      const server = await serve((_request, response) => {
        outcome = flood(response);
      });
      const error = await rejection(clientOf({ ...transport(), endpoint: server.url }).listClusters());
      expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_TOO_LARGE', limit: 16 * MiB });
      expect(await outcome).toBe('closed');
    });
  });

  describe('timeoutMs', () => {
    it('fails a call whose answer trickles in with SkeTimeoutError', async () => {
      const server = await serve(trickle(50));
      const error = await rejection(clientOf({ ...transport(), endpoint: server.url, timeoutMs: 300 }).listClusters());
      expect(error).toBeInstanceOf(SkeTimeoutError);
      expect(error).toMatchObject({ code: 'ERR_SKE_TIMEOUT', timeoutMs: 300 });
      expect(error.message).toMatch(/ 300 ms, the timeoutMs option/);
    });

    it("still stops at the caller's signal", async () => {
      const server = await serve(trickle(50));
      const controller = new AbortController();
      const pending = clientOf({ ...transport(), endpoint: server.url }).listClusters({ signal: controller.signal });
      setTimeout(() => controller.abort(new Error('stopped by the caller')), 100);
      await expect(pending).rejects.toThrow('stopped by the caller');
    });
  });

  describe('redirects', () => {
    it('raise a SkeApiError by default, and nothing reaches where they point', async () => {
      const elsewhere = await serve((_request, response) => response.end('stolen'));
      stub.answer = { status: 302, headers: { location: `${elsewhere.url}/steal` }, body: '' };
      const error = await rejection(clientOf(transport()).listClusters());
      expect(error).toBeInstanceOf(SkeApiError);
      expect(error).toMatchObject({ code: 'HTTP302', status: 302 });
      expect(elsewhere.requests).toEqual([]);
    });

    it('to another origin are refused with followRedirects, and nothing reaches it', async () => {
      const elsewhere = await serve((_request, response) => response.end('stolen'));
      stub.answer = { status: 308, headers: { location: `${elsewhere.url}/steal` }, body: '' };
      const error = await rejection(clientOf({ ...transport(), followRedirects: true }).listClusters());
      expect(error).toBeInstanceOf(RedirectRefusedError);
      expect(error).toMatchObject({ code: 'ERR_SKE_REDIRECT_REFUSED', reason: 'other-origin', status: 308 });
      expect(elsewhere.requests).toEqual([]);
    });

    it('to the same origin are followed with followRedirects, signed for the new URL', async () => {
      const server = await serve((request, response) => {
        if (request.url === '/v1/clusters') {
          response.writeHead(307, { location: '/v1/clusters?size=5' });
          return void response.end();
        }
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"clusters":[]}');
      });
      const client = clientOf({ ...transport(), endpoint: server.url, followRedirects: true });
      expect((await client.listClusters()).data).toEqual({ clusters: [] });
      expect(server.requests.map((request) => request.url)).toEqual(['/v1/clusters', '/v1/clusters?size=5']);
      const moved = server.requests[1];
      const expected = computeSignature({
        method: 'GET',
        url: `${server.url}/v1/clusters?size=5`,
        // The Date of the redirect taught the client the server's clock (TODAY is the client's own).
        timestamp: Number(moved?.headers['scp-timestamp']),
        accessKey: 'AK',
        secretKey: 'SK',
      });
      expect(moved?.headers['scp-signature']).toBe(expected);
    });
  });
});

describe('the limit options', () => {
  it.each([
    ['timeoutMs', 0],
    ['maxResponseBytes', -1],
    ['followRedirects', 'yes'],
  ])('refuse %s = %j at creation, for both entries, naming it', (option, value) => {
    for (const create of [
      () => clientOf({ [option]: value }),
      () => createVersionedRawClient(contract(), stub.options({ [option]: value })),
    ]) {
      expect(create).toThrow(SigningOptionError);
      expect(create).toThrow(expect.objectContaining({ option, code: 'ERR_SKE_SIGNING_OPTION' }));
    }
    expect(stub.requests).toHaveLength(0);
  });
});
