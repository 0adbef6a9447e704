import { computeSignature } from '@scp-ske/signing';
import { describe, expect, it, vi } from 'vitest';
import { UnsupportedVersionError } from './errors.js';
import { createVersionedRawClient } from './raw.js';
import { CLUSTER_ID, contract, KUBECONFIG, TODAY, useStubServer } from './test-support.js';

const stub = useStubServer();

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
