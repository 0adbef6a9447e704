import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVersionedClient } from './client.js';
import type { SkeClientOptions } from './client-options.js';
import {
  ResponseFormatError,
  SigningOptionError,
  SkeApiError,
  SkeError,
  SkeInputError,
  UnsupportedVersionError,
} from './errors.js';
import { KubeconfigFormatError } from './kubeconfig.js';
import { resetLifecycleWarnings, WARNING_CODES } from './lifecycle-check.js';
import { createVersionedRawClient } from './raw.js';
import { CLUSTER_ID, contract, KUBECONFIG, OPERATIONS, type TestClient, useStubServer } from './test-support.js';

const stub = useStubServer();
const { requests, options } = stub;
const createClient = (version = contract(), extra?: SkeClientOptions) =>
  createVersionedClient<TestClient>(version, OPERATIONS, options(extra));

/** Without a `fetch` option the call goes over node:http; with one, every request goes through it. */
const TRANSPORTS: [string, () => SkeClientOptions][] = [
  ['node:http', () => ({})],
  ['the fetch option', () => ({ fetch: vi.fn((input, init) => fetch(input, init)) })],
];

describe('one method per operation', () => {
  it('names each method by its operationId, beside the kubeconfig convenience the table marks', () => {
    expect(Object.keys(createClient()).sort()).toEqual(
      [
        'apiVersion',
        'baseUrl',
        'getUserKubeconfig',
        'listClusters',
        'paginate',
        'showClusterUserKubeconfig',
        'waitUntil',
      ].sort(),
    );
  });

  it.each(TRANSPORTS)(
    'parses a JSON body into data, with status, request id and version (%s)',
    async (_name, extra) => {
      stub.answer = {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-request-id': 'req-7' },
        body: '{"clusters":[{"id":"a"}],"count":1}',
      };
      const result = await createClient(contract(), extra()).listClusters();
      expect(result).toEqual({
        data: { clusters: [{ id: 'a' }], count: 1 },
        status: 200,
        requestId: 'req-7',
        apiVersion: 'ske 1.3',
      });
      expect(requests[0]?.url).toBe('/v1/clusters');
    },
  );

  it('reads a text body as a string, whatever the Content-Type', async () => {
    const result = await createClient().showClusterUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    expect(result).toEqual({ data: KUBECONFIG, status: 200, requestId: undefined, apiVersion: 'ske 1.3' });
  });

  it('builds the query from the spec: its order, an array as repeated keys, absent values left out, all percent-encoded', async () => {
    stub.answer = { status: 200, body: '{"clusters":[]}' };
    await createClient().listClusters({ status: ['RUNNING', 'NOT READY', 'ü/&='], name: null, size: 0 });
    expect(requests[0]?.url).toBe('/v1/clusters?size=0&status=RUNNING&status=NOT%20READY&status=%C3%BC%2F%26%3D');
  });

  it('sends header parameters as headers, the version header over them', async () => {
    stub.answer = { status: 200, body: '{"clusters":[]}' };
    await createClient().listClusters({ traceId: 't-1' });
    expect(requests[0]?.headers['x-trace-id']).toBe('t-1');
    expect(requests[0]?.headers['scp-api-version']).toBe('ske 1.3');
  });

  it('raises ResponseFormatError for a JSON operation whose body is not JSON, without quoting it', async () => {
    stub.answer = { status: 200, body: '<html>token=hunter2</html>' };
    const error = await createClient()
      .listClusters()
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ code: 'ERR_SKE_RESPONSE_FORMAT', reason: 'the body is not JSON' });
    expect(error.message).not.toContain('hunter2');
  });
});

describe('getUserKubeconfig', () => {
  it.each(TRANSPORTS)(
    'reads the body as text whatever the Content-Type, and summarises it (%s)',
    async (_name, extra) => {
      const transport = extra();
      const client = createClient(contract(), transport);
      const result = await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'public' });
      expect(result).toStrictEqual({
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

  it('quotes the request id of the answer, when it has one', async () => {
    stub.answer = { status: 200, headers: { 'x-request-id': 'req-9' }, body: KUBECONFIG };
    const result = await createClient().getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    expect(result).toStrictEqual({
      kubeconfig: KUBECONFIG,
      server: 'https://c.ske.public.kr-west1.samsungsdscloud.com:6443',
      contexts: ['first', 'second'],
      apiVersion: 'ske 1.3',
      requestId: 'req-9',
    });
  });

  it('raises KubeconfigFormatError for a body that is not a kubeconfig, without quoting it', async () => {
    stub.answer = { status: 200, body: 'apiVersion: v1\nkind: Config\nclusters: []\nsecret: hunter2\n' };
    const error = await createClient()
      .getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(KubeconfigFormatError);
    expect(error.message).toBe('The response is not a kubeconfig: "clusters" is missing or empty');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('arguments are checked from the spec before any network call', () => {
  const userKubeconfig = { clusterId: CLUSTER_ID, kubeconfigType: 'private' };
  it.each([
    [
      'an upper-case cluster id',
      { ...userKubeconfig, clusterId: CLUSTER_ID.toUpperCase() },
      `clusterId: expected a string matching ^[0-9a-f]{32}$, e.g. ${CLUSTER_ID}`,
    ],
    ['a number for a cluster id', { ...userKubeconfig, clusterId: 7 }, /^clusterId: expected a string matching/],
    [
      'a missing cluster id',
      { kubeconfigType: 'private' },
      `clusterId: expected a string matching ^[0-9a-f]{32}$, e.g. ${CLUSTER_ID} (required)`,
    ],
    [
      'an unknown kubeconfig type',
      { ...userKubeconfig, kubeconfigType: 'internal' },
      'kubeconfigType: expected one of "private", "public"',
    ],
    [
      'an argument the operation does not take',
      { ...userKubeconfig, clusterID: CLUSTER_ID },
      'clusterID: expected no such argument; this operation takes { clusterId, kubeconfigType, signal? }',
    ],
    ['a string for the input', 'abc', 'input: expected an object { clusterId, kubeconfigType }'],
    ['no input', undefined, 'input: expected an object { clusterId, kubeconfigType }'],
    ['a signal that is not an AbortSignal', { ...userKubeconfig, signal: 'x' }, 'signal: expected an AbortSignal'],
  ])('refuses %s, naming the argument and what was expected', async (_name, input, message) => {
    const fetch = vi.fn();
    const client = createClient(contract(), { fetch });
    const error = await client.showClusterUserKubeconfig(input as never).catch((caught) => caught);
    expect(error).toBeInstanceOf(SkeInputError);
    expect(error).toBeInstanceOf(SkeError);
    expect(error.code).toBe('ERR_SKE_INPUT');
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(fetch).not.toHaveBeenCalled();
    expect(requests).toHaveLength(0);
  });

  it.each([
    ['a negative size', { size: -1 }, 'size: expected a whole number ≥ 0 or null'],
    ['a fractional size', { size: 1.5 }, 'size: expected a whole number ≥ 0 or null'],
    ['a numeric string for size', { size: '10' }, 'size: expected a whole number ≥ 0 or null'],
    [
      'a name outside the pattern',
      { name: 'Bad Name' },
      /^name: expected a string matching .* or null, e\.g\. sample-cluster$/,
    ],
    ['an array of numbers for status', { status: [1] }, 'status: expected a string or an array of (a string) or null'],
    [
      'a header value over its max length',
      { traceId: 'far-too-long' },
      'traceId: expected a string of at most 8 characters',
    ],
  ])('refuses %s for an operation with only optional arguments', async (_name, input, message) => {
    const error = await createClient()
      .listClusters(input as never)
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(SkeInputError);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(requests).toHaveLength(0);
  });

  it('reads each argument once: a getter that changes its answer cannot pass the check with one value and send another', async () => {
    let reads = 0;
    const input = {
      kubeconfigType: 'private' as const,
      get clusterId() {
        reads++;
        return reads === 1 ? CLUSTER_ID : '../../admin';
      },
    };
    await createClient().showClusterUserKubeconfig(input);
    expect(reads).toBe(1);
    expect(requests[0]?.url).toBe(`/v1/clusters/${CLUSTER_ID}/user-kubeconfig?kubeconfig_type=private`);
  });
});

describe.each(TRANSPORTS)('error mapping (%s)', (_name, extra) => {
  const call = () =>
    createClient(contract(), extra()).getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });

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
    expect(error).toBeInstanceOf(SkeError);
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
  // The set of warnings already emitted lives on globalThis (shared by copies of the module), so it
  // outlives a test, a file and vitest's module reloads: each test starts from none emitted.
  beforeEach(() => resetLifecycleWarnings());
  afterEach(() => vi.restoreAllMocks());

  it('refuses a DEPRECATED version past its Not Before date, naming the version to move to', () => {
    const fetch = vi.fn();
    expect(() => createClient(retired, { fetch })).toThrow(UnsupportedVersionError);
    expect(() => createClient(retired, { fetch })).toThrow(
      expect.objectContaining({ code: 'ERR_SKE_UNSUPPORTED_VERSION' }),
    );
    expect(() => createClient(retired, { fetch })).toThrow(
      /^ske 1\.0 is DEPRECATED and no longer served since its Not Before date 2025-12-31\. Move to ske 1\.3 \(@scp-ske\/client-1\.3\)/,
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('lets allowUnsupportedVersion call it anyway', async () => {
    const client = createClient(retired, { allowUnsupportedVersion: true });
    await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    expect(requests[0]?.headers['scp-api-version']).toBe('ske 1.0');
  });

  it('warns once per process, not per call, for a SUPPORTED version past its Not Before date', async () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const pastDate = contract({ version: '9.2', apiVersion: 'ske 9.2', state: 'SUPPORTED', notBefore: '2026-10-14' });
    for (let i = 0; i < 3; i++) {
      const client = createClient(pastDate);
      await client.getUserKubeconfig({ clusterId: CLUSTER_ID, kubeconfigType: 'private' });
    }
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[1]).toEqual({ type: 'SkeLifecycleWarning', code: WARNING_CODES['past-not-before'] });
    expect(String(emit.mock.calls[0]?.[0])).toMatch(/ske 9\.2 is past its guaranteed support date .* move to ske 1\.3/);
  });

  it('warns for a DEPRECATED version before its date', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    createClient(contract({ apiVersion: 'ske 9.0', state: 'DEPRECATED', notBefore: '2027-01-01' }));
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]?.[1]).toEqual({ type: 'SkeLifecycleWarning', code: 'SCP_SKE_VERSION_DEPRECATED' });
  });

  it('does not warn for the CURRENT version, nor for a SUPPORTED one before its Not Before date', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    createClient();
    createClient(contract({ version: '9.1', apiVersion: 'ske 9.1', state: 'SUPPORTED', notBefore: '2027-01-01' }));
    expect(emit).not.toHaveBeenCalled();
  });

  it('warns again after resetLifecycleWarnings, and once more per version', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const deprecated = contract({ apiVersion: 'ske 9.0', state: 'DEPRECATED', notBefore: '2027-01-01' });
    createClient(deprecated);
    createClient(contract({ apiVersion: 'ske 9.3', state: 'DEPRECATED', notBefore: '2027-01-01' }));
    createClient(deprecated);
    expect(emit).toHaveBeenCalledTimes(2);
    resetLifecycleWarnings();
    createClient(deprecated);
    expect(emit).toHaveBeenCalledTimes(3);
  });
});

describe('options refused at creation, before any network call', () => {
  it.each([
    ['an "AK:SK" string', 'AK:SK'],
    ['a number', 5],
    ['true', true],
    ['null', null],
  ])('refuses credentials given as %s, never using the environment instead', async (_name, credentials) => {
    // Keys in the environment that the stub server would accept: they must not be used instead.
    vi.stubEnv('SCP_ACCESS_KEY', 'ENVKEY');
    vi.stubEnv('SCP_SECRET_KEY', 'CANARY-env-secret');
    const fetch = vi.fn();
    try {
      for (const create of [
        () => createClient(contract(), { credentials: credentials as never }),
        () => createClient(contract(), { credentials: credentials as never, fetch }),
        () => createVersionedRawClient(contract(), options({ credentials: credentials as never })),
      ]) {
        const error = (() => {
          try {
            create();
          } catch (caught) {
            return caught as SigningOptionError;
          }
        })();
        expect(error).toBeInstanceOf(SigningOptionError);
        expect(error).toBeInstanceOf(SkeError);
        expect(error).toMatchObject({ code: 'ERR_SKE_SIGNING_OPTION', option: 'credentials' });
        expect(error?.message).toMatch(/^credentials: expected keys \{ accessKey, secretKey, accountId\? \}/);
        expect(error?.message).not.toContain('AK:SK');
      }
    } finally {
      vi.unstubAllEnvs();
    }
    expect(fetch).not.toHaveBeenCalled();
    expect(requests).toHaveLength(0);
  });

  it('refuses an endpoint with a password for both entries, before any request', () => {
    const endpoint = stub.endpoint.replace('http://', 'http://user:CANARY-password@');
    expect(() => createClient(contract(), { endpoint })).toThrow(SkeInputError);
    expect(() => createVersionedRawClient(contract(), options({ endpoint }))).toThrow(SkeInputError);
    expect(requests).toHaveLength(0);
  });
});
