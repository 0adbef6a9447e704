import { computeSignature } from '@scp-ske/signing';
import { describe, expect, it, vi } from 'vitest';
import { RedirectRefusedError, ResponseTooLargeError, SkeTimeoutError, UnsupportedVersionError } from './errors.js';
import { createVersionedRawClient } from './raw.js';
import { CLUSTER_ID, contract, KUBECONFIG, TODAY, trickle, useOwnServers, useStubServer } from './test-support.js';

const stub = useStubServer();
const serve = useOwnServers();

interface Paths {
  '/v1/clusters/{cluster_id}/user-kubeconfig': {
    get: {
      parameters: { path: { cluster_id: string }; query: { kubeconfig_type: 'private' | 'public' } };
      responses: { 200: { content: { 'text/plain': string } } };
    };
  };
}

describe('createVersionedRawClient', () => {
  it('sends a typed openapi-fetch request, signed over its full URL, with the version header', async () => {
    const raw = createVersionedRawClient<Paths>(contract(), stub.options());
    const { data, response } = await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', {
      params: { path: { cluster_id: CLUSTER_ID }, query: { kubeconfig_type: 'public' } },
      parseAs: 'text',
    });
    expect(response.status).toBe(200);
    expect(data).toBe(KUBECONFIG);
    const [request] = stub.requests;
    expect(request?.url).toBe(`/v1/clusters/${CLUSTER_ID}/user-kubeconfig?kubeconfig_type=public`);
    expect(request?.headers['scp-api-version']).toBe('ske 1.3');
    expect(request?.headers['scp-signature']).toBe(
      computeSignature({
        method: 'GET',
        url: `${stub.endpoint}${request?.url}`,
        timestamp: String(TODAY),
        accessKey: 'AK',
        secretKey: 'SK',
      }),
    );
  });

  it('goes through the fetch option when one is given', async () => {
    const fetch = vi.fn((input: Request | string, init?: RequestInit) => globalThis.fetch(input, init));
    const raw = createVersionedRawClient<Paths>(contract(), stub.options({ fetch }));
    await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', {
      params: { path: { cluster_id: CLUSTER_ID }, query: { kubeconfig_type: 'private' } },
      parseAs: 'text',
    });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(stub.requests).toHaveLength(1);
  });

  it('passes the same lifecycle gate as createSkeClient: a retired version is refused before any request', () => {
    const retired = contract({ version: '1.0', apiVersion: 'ske 1.0', state: 'DEPRECATED', notBefore: '2026-01-01' });
    expect(() => createVersionedRawClient<Paths>(retired, stub.options())).toThrow(UnsupportedVersionError);
    expect(() => createVersionedRawClient<Paths>(retired, stub.options())).toThrow(/@scp-ske\/client-1\.3/);
    expect(stub.requests).toHaveLength(0);
  });
});

describe('createVersionedRawClient against a server that misbehaves', () => {
  const userKubeconfig = {
    params: { path: { cluster_id: CLUSTER_ID }, query: { kubeconfig_type: 'private' as const } },
    parseAs: 'text' as const,
  };

  it.each([302, 307, 308])(
    'answers a %i to another origin as it is: not followed, and no signing header reaches it',
    async (status) => {
      const elsewhere = await serve((_request, response) => response.end('stolen'));
      stub.answer = { status, headers: { location: `${elsewhere.url}/steal` }, body: 'moved' };
      const raw = createVersionedRawClient<Paths>(contract(), stub.options());
      const { response, error } = await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', userKubeconfig);
      expect(response.status).toBe(status);
      expect(error).toBe('moved');
      expect(elsewhere.requests).toEqual([]);
      expect(stub.requests).toHaveLength(1);
    },
  );

  it('refuses, with followRedirects, a redirect to another origin, which then sees nothing', async () => {
    const elsewhere = await serve((_request, response) => response.end('stolen'));
    stub.answer = { status: 307, headers: { location: `${elsewhere.url}/steal` }, body: '' };
    const raw = createVersionedRawClient<Paths>(contract(), stub.options({ followRedirects: true }));
    const error = await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', userKubeconfig).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error).toMatchObject({ code: 'ERR_SKE_REDIRECT_REFUSED', reason: 'other-origin', status: 307 });
    expect(elsewhere.requests).toEqual([]);
  });

  it('follows, with followRedirects, a redirect to the same origin, signed for the new URL', async () => {
    const server = await serve((request, response) => {
      if (request.url?.endsWith('private')) {
        response.writeHead(302, { location: '/v1/moved' });
        return void response.end();
      }
      response.end(KUBECONFIG);
    });
    const raw = createVersionedRawClient<Paths>(
      contract(),
      stub.options({ endpoint: server.url, followRedirects: true }),
    );
    const { data } = await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', userKubeconfig);
    expect(data).toBe(KUBECONFIG);
    const moved = server.requests[1];
    expect(moved?.url).toBe('/v1/moved');
    expect(moved?.headers['scp-signature']).toBe(
      computeSignature({
        method: 'GET',
        url: `${server.url}/v1/moved`,
        timestamp: Number(moved?.headers['scp-timestamp']),
        accessKey: 'AK',
        secretKey: 'SK',
      }),
    );
  });

  it('rejects an answer over maxResponseBytes with ResponseTooLargeError, and reads one of exactly the limit', async () => {
    const size = Buffer.byteLength(KUBECONFIG);
    const exact = createVersionedRawClient<Paths>(contract(), stub.options({ maxResponseBytes: size }));
    expect((await exact.GET('/v1/clusters/{cluster_id}/user-kubeconfig', userKubeconfig)).data).toBe(KUBECONFIG);
    const under = createVersionedRawClient<Paths>(contract(), stub.options({ maxResponseBytes: size - 1 }));
    const error = await under.GET('/v1/clusters/{cluster_id}/user-kubeconfig', userKubeconfig).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ limit: size - 1 });
  });

  it('rejects a call whose answer trickles in with SkeTimeoutError', async () => {
    const server = await serve(trickle(50));
    const raw = createVersionedRawClient<Paths>(contract(), stub.options({ endpoint: server.url, timeoutMs: 300 }));
    const error = await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', userKubeconfig).catch((e) => e);
    expect(error).toBeInstanceOf(SkeTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300 });
  });
});
