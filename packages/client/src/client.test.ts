import { describe, expect, it, vi } from 'vitest';
import { createVersionedClient } from './client.js';
import type { SkeClientOptions } from './client-options.js';
import { resolveEndpoint } from './endpoint.js';
import { SkeApiError, SkeInputError, UnsupportedVersionError } from './errors.js';
import { KubeconfigFormatError } from './kubeconfig.js';
import { WARNING_CODES } from './lifecycle-check.js';
import { CLUSTER_ID, contract, KUBECONFIG, useStubServer } from './test-support.js';

const stub = useStubServer();
const { requests, options } = stub;

/** Without a `fetch` option the call goes over node:http; with one, every request goes through it. */
const TRANSPORTS: [string, () => SkeClientOptions][] = [
  ['node:http', () => ({})],
  ['the fetch option', () => ({ fetch: vi.fn((input, init) => fetch(input, init)) })],
];

describe('getUserKubeconfig', () => {
  it.each(TRANSPORTS)(
    'reads the body as text whatever the Content-Type, and summarises it (%s)',
    async (_name, extra) => {
      const transport = extra();
      const client = createVersionedClient(contract(), options(transport));
      const result = await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'public' });
      expect(result).toEqual({
        kubeconfig: KUBECONFIG,
        server: 'https://c.ske.public.kr-west1.samsungsdscloud.com:6443',
        contexts: ['first', 'second'],
        apiVersion: 'ske 1.3',
      });
      expect(requests[0]?.headers['scp-api-version']).toBe('ske 1.3');
      expect(requests[0]?.url).toBe(`/v1/clusters/${CLUSTER_ID}/user-kubeconfig?kubeconfig_type=public`);
      if (transport.fetch) expect(transport.fetch).toHaveBeenCalledTimes(1);
    },
  );

  it.each([
    ['an upper-case cluster id', { clusterId: CLUSTER_ID.toUpperCase() }, /^clusterId: expected a cluster id matching/],
    ['a short cluster id', { clusterId: 'abc' }, /^clusterId: /],
    ['a missing cluster id', { clusterId: undefined }, /^clusterId: /],
    [
      'an unknown kubeconfig type',
      { kubeconfigType: 'internal' },
      /^kubeconfigType: expected one of "private", "public"$/,
    ],
  ])('refuses %s before any network call, naming the argument', async (_name, change, message) => {
    const fetch = vi.fn();
    const client = createVersionedClient(contract(), options({ fetch }));
    const input = { clusterId: CLUSTER_ID, kubeconfigType: 'private', ...change } as never;
    await expect(client.getUserKubeconfig(input)).rejects.toThrow(SkeInputError);
    await expect(client.getUserKubeconfig(input)).rejects.toThrow(message);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('raises KubeconfigFormatError for a body that is not a kubeconfig, without quoting it', async () => {
    stub.answer = { status: 200, body: 'apiVersion: v1\nkind: Config\nclusters: []\nsecret: hunter2\n' };
    const client = createVersionedClient(contract(), options());
    const error = await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' }).catch((e) => e);
    expect(error).toBeInstanceOf(KubeconfigFormatError);
    expect(error.message).toBe('The response is not a kubeconfig: "clusters" is missing or empty');
    expect(error.message).not.toContain('hunter2');
  });
});

describe.each(TRANSPORTS)('error mapping (%s)', (_name, extra) => {
  const call = () =>
    createVersionedClient(contract(), options(extra())).getUserKubeconfig({
      clusterId: CLUSTER_ID,
      kubeconfigType: 'private',
    });

  it("reads SCP's error envelope", async () => {
    stub.answer = {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        errors: [
          {
            code: 'NotFound',
            title: 'NotFound',
            detail: ['The requested resource could not be found.'],
            status: 404,
            request_id: 'req-1',
          },
        ],
      }),
    };
    const error = await call().catch((e) => e);
    expect(error).toBeInstanceOf(SkeApiError);
    expect(error).toMatchObject({
      status: 404,
      code: 'NotFound',
      title: 'NotFound',
      detail: ['The requested resource could not be found.'],
      requestId: 'req-1',
      apiVersion: 'ske 1.3',
    });
    expect(error.message).toBe(
      'SKE API 404 NotFound: The requested resource could not be found. (ske 1.3, request req-1)',
    );
  });

  it('turns a plain-string detail into an array', async () => {
    stub.answer = {
      status: 400,
      body: '{"errors":[{"code":"ValidationError","title":"V","detail":"bad id","status":400}]}',
    };
    expect(await call().catch((e) => e)).toMatchObject({ code: 'ValidationError', detail: ['bad id'] });
  });

  it('still yields a SkeApiError with a short, safe excerpt for an HTML gateway page', async () => {
    stub.answer = {
      status: 502,
      headers: { 'content-type': 'text/html', 'x-request-id': 'gw-9' },
      body: `<html><head><style>body{}</style><script>alert(1)</script></head><body><h1>502 Bad Gateway</h1>\u0007${'x'.repeat(500)}</body></html>`,
    };
    const error = await call().catch((e) => e);
    expect(error).toBeInstanceOf(SkeApiError);
    expect(error).toMatchObject({ status: 502, code: 'HTTP502', detail: [], requestId: 'gw-9' });
    expect(error.bodyExcerpt).toMatch(/^502 Bad Gateway x+…$/);
    expect(error.bodyExcerpt.length).toBeLessThanOrEqual(201);
    expect(error.message).not.toMatch(/<|alert/);
    expect(error.message).not.toContain('\u0007');
  });
});

describe('lifecycle', () => {
  const retired = contract({ version: '1.0', apiVersion: 'ske 1.0', state: 'DEPRECATED', notBefore: '2025-12-31' });

  it('refuses a DEPRECATED version past its Not Before date, naming the version to move to', () => {
    const fetch = vi.fn();
    expect(() => createVersionedClient(retired, options({ fetch }))).toThrow(UnsupportedVersionError);
    expect(() => createVersionedClient(retired, options({ fetch }))).toThrow(
      /^ske 1\.0 is DEPRECATED and no longer served since its Not Before date 2025-12-31\. Move to ske 1\.3 \(@scp-ske\/client-1\.3\)/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets allowUnsupportedVersion call it anyway', async () => {
    const client = createVersionedClient(retired, options({ allowUnsupportedVersion: true }));
    await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    expect(requests[0]?.headers['scp-api-version']).toBe('ske 1.0');
  });

  it('warns once per process, not per call, for a SUPPORTED version past its Not Before date', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const pastDate = contract({ version: '9.2', apiVersion: 'ske 9.2', state: 'SUPPORTED', notBefore: '2026-10-14' });
    for (let i = 0; i < 3; i++) {
      const client = createVersionedClient(pastDate, options());
      await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    }
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[1]).toEqual({ type: 'SkeLifecycleWarning', code: WARNING_CODES['past-not-before'] });
    expect(String(emit.mock.calls[0]?.[0])).toMatch(/ske 9\.2 is past its guaranteed support date .* move to ske 1\.3/);
    emit.mockRestore();
  });

  it('warns for a DEPRECATED version before its date, and not for the CURRENT one', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    createVersionedClient(contract({ apiVersion: 'ske 9.0', state: 'DEPRECATED', notBefore: '2027-01-01' }), options());
    createVersionedClient(contract(), options());
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[1]).toMatchObject({ code: 'SCP_SKE_VERSION_DEPRECATED' });
    emit.mockRestore();
  });
});

describe('resolveEndpoint', () => {
  const { server: template } = contract();
  it('fills the spec server template', () => {
    expect(resolveEndpoint(template, { region: 'kr-east1', environment: 's' })).toBe(
      'https://ske.kr-east1.s.samsungsdscloud.com',
    );
  });
  it('prefers an explicit endpoint, without its trailing slash', () => {
    expect(resolveEndpoint(template, { endpoint: 'http://127.0.0.1:8080/', region: 'x' })).toBe(
      'http://127.0.0.1:8080',
    );
  });
  it.each([
    [{}, /^environment: expected one of s, g \(or pass endpoint\)$/],
    [{ environment: 'x', region: 'kr-west1' }, /^environment: .* received "x"$/],
    [
      { environment: 'g', region: 'kr-west1' },
      /^region: expected one of kr-south1 for environment "g", received "kr-west1"$/,
    ],
    [{ endpoint: 'ske.example.com' }, /^endpoint: expected an absolute http\(s\) URL/],
  ])('names the bad option in %o', (input, message) => {
    expect(() => resolveEndpoint(template, input)).toThrow(message);
  });
});
