import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { computeSignature, createSignedFetch } from '@scp-ske/signing';
import type { SkeVersion } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CA_CERTIFICATE_PEM } from './ca-certificate.js';
import { type Emulator, startEmulator } from './emulator.js';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from './fixtures.js';
import { clusterBody } from './testing/bodies.js';
import { conformanceProblems } from './testing/conformance.js';
import { firstError } from './testing/signed-call.js';

const [demo, privateOnly, restricted] = DEFAULT_CLUSTERS as [
  (typeof DEFAULT_CLUSTERS)[0],
  (typeof DEFAULT_CLUSTERS)[0],
  (typeof DEFAULT_CLUSTERS)[0],
];
const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const TODAY = '2026-11-29T09:00:00Z';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ now: TODAY });
});
afterAll(() => emulator.close());

const pathOf = (clusterId: string, type = 'private') =>
  `/v1/clusters/${clusterId}/user-kubeconfig?kubeconfig_type=${type}`;

function signedFetchFor(credentials = key1, now = () => emulator.now()) {
  return createSignedFetch({ credentials, now, retry: { maxRetries: 0 } });
}

async function call(
  path: string,
  { version, credentials = key1 }: { version?: string | null; credentials?: typeof key1 } = {},
) {
  const headers: Record<string, string> = {};
  if (version !== null) headers['Scp-Api-Version'] = version ?? 'ske 1.3';
  const response = await signedFetchFor(credentials)(`${emulator.url}${path}`, { headers });
  return { response, body: await response.text() };
}

async function expectConforming(version: SkeVersion, response: Response, body: string) {
  expect(await conformanceProblems(version, response.status, response.headers.get('content-type') ?? '', body)).toEqual(
    [],
  );
}

describe('200: a real kubeconfig', () => {
  it.each(['1.1', '1.2', '1.3'] as SkeVersion[])(
    'answers ske %s with a kubeconfig for the private endpoint',
    async (version) => {
      const { response, body } = await call(pathOf(demo.id), { version: `ske ${version}` });
      expect(response.status).toBe(200);
      await expectConforming(version, response, body);
      // The body is written once and its length counted then: the header still says what is sent.
      for (let again = 0; again < 2; again++) {
        const repeated = await call(pathOf(demo.id), { version: `ske ${version}` });
        expect(repeated.body).toBe(body);
        expect(repeated.response.headers.get('content-length')).toBe(String(Buffer.byteLength(body)));
      }
      const kubeconfig = parse(body);
      expect(kubeconfig).toMatchObject({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': demo.name,
        clusters: [{ name: demo.name, cluster: { server: demo.endpoints.private } }],
        contexts: [{ name: demo.name, context: { cluster: demo.name, user: `${demo.name}-user` } }],
      });
      expect(Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64').toString()).toBe(
        CA_CERTIFICATE_PEM,
      );
      expect(emulator.requests.at(-1)).toMatchObject({
        status: 200,
        apiVersion: `ske ${version}`,
        accessKey: key1.accessKey,
      });
    },
  );

  it('points a public kubeconfig at the public endpoint, with a per-user token', async () => {
    const first = parse((await call(pathOf(demo.id, 'public'))).body);
    const other = parse((await call(pathOf(demo.id, 'public'), { credentials: key2 })).body);
    expect(first.clusters[0].cluster.server).toBe(demo.endpoints.public);
    expect(first.users[0].user.token).toMatch(/^ske-[0-9a-f]{48}$/);
    expect(other.users[0].user.token).not.toBe(first.users[0].user.token);
  });

  it('loads in @kubernetes/client-node and in kubectl', async () => {
    const { body } = await call(pathOf(demo.id));
    const config = new KubeConfig();
    config.loadFromString(body);
    expect(config.getCurrentCluster()?.server).toBe(demo.endpoints.private);
    expect(config.getCurrentUser()?.token).toMatch(/^ske-/);
    const file = join(mkdtempSync(join(tmpdir(), 'emulator-kubeconfig-')), 'config');
    writeFileSync(file, body, { mode: 0o600 });
    const view = JSON.parse(
      execFileSync('kubectl', ['config', 'view', '--kubeconfig', file, '--raw', '-o', 'json'], { encoding: 'utf8' }),
    );
    expect(view['current-context']).toBe(demo.name);
    expect(view.clusters[0].cluster.server).toBe(demo.endpoints.private);
  });

  it('answers the CURRENT version when no Scp-Api-Version is sent', async () => {
    const { response } = await call(pathOf(demo.id), { version: null });
    expect(response.status).toBe(200);
    expect(emulator.requests.at(-1)?.apiVersion).toBe('ske 1.3');
  });
});

describe('errors, each in the envelope the spec declares', () => {
  const cases: [string, () => ReturnType<typeof call>, number, string][] = [
    ['a malformed cluster id', () => call(pathOf('70A599E0')), 400, 'ValidationError'],
    ['an unknown kubeconfig_type', () => call(pathOf(demo.id, 'internal')), 400, 'ValidationError'],
    ['a missing kubeconfig_type', () => call(`/v1/clusters/${demo.id}/user-kubeconfig`), 400, 'ValidationError'],
    [
      'public on a cluster without a public endpoint',
      () => call(pathOf(privateOnly.id, 'public')),
      400,
      'ValidationError',
    ],
    ['an unknown well-formed cluster id', () => call(pathOf('0123456789abcdef0123456789abcdef')), 404, 'NotFound'],
    ['an access key not allowed on the cluster', () => call(pathOf(restricted.id)), 403, 'Forbidden'],
    ['a malformed Scp-Api-Version', () => call(pathOf(demo.id), { version: 'v1.3' }), 406, 'NoSuchVersion'],
    ['an unknown version', () => call(pathOf(demo.id), { version: 'ske 9.9' }), 406, 'NoSuchVersion'],
    ['ske 1.0, past its Not Before date', () => call(pathOf(demo.id), { version: 'ske 1.0' }), 406, 'NoSuchVersion'],
  ];

  it.each(cases)('%s', async (_name, request, status, code) => {
    const { response, body } = await request();
    expect(response.status).toBe(status);
    expect(JSON.parse(body).errors[0]).toMatchObject({ code, status });
    await expectConforming('1.3', response, body);
  });

  it('names the bad parameter', async () => {
    const { body } = await call(pathOf(demo.id, 'internal'));
    expect(JSON.parse(body).errors[0].detail).toEqual(['kubeconfig_type (query) must be one of private, public.']);
  });

  it('serves ske 1.0 on a date before its Not Before date', async () => {
    const earlier = await startEmulator({ now: '2025-12-01' });
    try {
      const signed = createSignedFetch({ credentials: key1, now: earlier.now });
      const response = await signed(`${earlier.url}${pathOf(demo.id)}`, { headers: { 'Scp-Api-Version': 'ske 1.0' } });
      expect(response.status).toBe(200);
    } finally {
      await earlier.close();
    }
  });
});

describe('authentication', () => {
  const url = () => `${emulator.url}${pathOf(demo.id)}`;
  function signedHeaders(overrides: Record<string, string | undefined> = {}, secretKey = key1.secretKey) {
    const timestamp = String(emulator.now());
    const headers: Record<string, string | undefined> = {
      'Scp-AccessKey': key1.accessKey,
      'Scp-Timestamp': timestamp,
      'Scp-ClientType': 'Openapi',
      'Scp-Signature': computeSignature({ method: 'GET', url: url(), timestamp, accessKey: key1.accessKey, secretKey }),
      ...overrides,
    };
    return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Record<
      string,
      string
    >;
  }

  it.each([
    ['a missing signature', { 'Scp-Signature': undefined }, 'MissingSignatureHeader'],
    ['a missing timestamp', { 'Scp-Timestamp': undefined }, 'MissingSignatureHeader'],
    ['another client type', { 'Scp-ClientType': 'openapi' }, 'InvalidClientType'],
    ['a timestamp 6 minutes old', { 'Scp-Timestamp': 'stale' }, 'TimestampOutOfWindow'],
    ['an unknown access key', { 'Scp-AccessKey': 'NOPE' }, 'UnknownAccessKey'],
  ])('rejects %s with 401 and a code naming the check', async (_name, overrides, code) => {
    const headers = signedHeaders(overrides as Record<string, string | undefined>);
    if (headers['Scp-Timestamp'] === 'stale') headers['Scp-Timestamp'] = String(emulator.now() - 6 * 60 * 1000);
    const response = await fetch(url(), { headers });
    const body = await response.text();
    expect(response.status).toBe(401);
    expect(JSON.parse(body).errors[0].code).toBe(code);
    await expectConforming('1.3', response, body);
  });

  it('rejects a wrong secret without echoing the secret or the expected signature', async () => {
    const headers = signedHeaders({}, 'wrong-secret');
    const response = await fetch(url(), { headers });
    const body = await response.text();
    expect(response.status).toBe(401);
    expect(JSON.parse(body).errors[0].code).toBe('SignatureMismatch');
    const expected = signedHeaders()['Scp-Signature'] as string;
    for (const secret of [key1.secretKey, 'wrong-secret', expected]) expect(body).not.toContain(secret);
    expect(JSON.stringify(emulator.requests)).not.toContain(key1.secretKey);
  });

  it('accepts the unchanged request and rejects every tampered copy', async () => {
    const timestamp = String(emulator.now());
    const original = { method: 'GET', path: pathOf(demo.id), timestamp, accessKey: key1.accessKey };
    const sign = (path: string, method: string, ts: string, accessKey: string) =>
      computeSignature({ method, url: `${emulator.url}${path}`, timestamp: ts, accessKey, secretKey: key1.secretKey });
    const signature = sign(original.path, original.method, timestamp, original.accessKey);
    const send = (change: Partial<typeof original> & { signature?: string }) => {
      const request = { ...original, ...change };
      return fetch(`${emulator.url}${request.path}`, {
        method: request.method,
        headers: {
          'Scp-AccessKey': request.accessKey,
          'Scp-Timestamp': request.timestamp,
          'Scp-ClientType': 'Openapi',
          'Scp-Signature': change.signature ?? signature,
        },
      }).then((response) => response.status);
    };
    expect(await send({})).toBe(200);
    const tampered: (Partial<typeof original> & { signature?: string })[] = [
      { method: 'DELETE' },
      { timestamp: String(Number(timestamp) + 1) },
      { accessKey: key2.accessKey },
      { signature: `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}` },
    ];
    for (let index = 0; index < original.path.length; index++) {
      const char = original.path[index] as string;
      if (char === '/' || char === '?') continue;
      const replacement = char === 'a' ? 'b' : char === '0' ? '1' : char === 'e' ? 'f' : 'a';
      tampered.push({ path: `${original.path.slice(0, index)}${replacement}${original.path.slice(index + 1)}` });
    }
    const statuses = await Promise.all(tampered.map((change) => send(change)));
    expect(tampered.length).toBeGreaterThan(60);
    statuses.forEach((status, index) => {
      expect(status, JSON.stringify(tampered[index])).not.toBe(200);
    });
  });
});

describe('GET /', () => {
  it("lists every version in SCP's format", async () => {
    const response = await fetch(`${emulator.url}/`);
    expect(await response.json()).toEqual({
      versions: [
        {
          id: 'v1.0',
          links: [{ href: `${emulator.url}/`, rel: 'self' }],
          not_before: '2025-12-31',
          status: 'DEPRECATED',
        },
        {
          id: 'v1.1',
          links: [{ href: `${emulator.url}/`, rel: 'self' }],
          not_before: '2026-09-19',
          status: 'SUPPORTED',
        },
        {
          id: 'v1.2',
          links: [{ href: `${emulator.url}/`, rel: 'self' }],
          not_before: '2026-10-14',
          status: 'SUPPORTED',
        },
        { id: 'v1.3', links: [{ href: `${emulator.url}/`, rel: 'self' }], not_before: null, status: 'CURRENT' },
      ],
    });
  });
});

describe('the request record', () => {
  it('keeps the latest recordLimit requests, so that a long-running emulator does not grow', async () => {
    const small = await startEmulator({ now: TODAY, recordLimit: 3 });
    try {
      for (const path of ['/a', '/b', '/c', '/d', '/e']) await (await fetch(`${small.url}${path}`)).text();
      expect(small.requests.map((request) => request.url)).toEqual(['/c', '/d', '/e']);
    } finally {
      await small.close();
    }
  });

  it('keeps none with recordLimit 0 (the command line), and still answers', async () => {
    const none = await startEmulator({ now: TODAY, recordLimit: 0 });
    try {
      const response = await fetch(`${none.url}/`);
      expect(response.status).toBe(200);
      await response.text();
      expect(none.requests).toEqual([]);
    } finally {
      await none.close();
    }
  });

  it('refuses a recordLimit that is not a whole number', async () => {
    await expect(startEmulator({ recordLimit: -1 })).rejects.toThrow(
      'recordLimit: expected a whole number ≥ 0, received -1',
    );
  });
});

describe('fault injection', () => {
  it('answers a status sequence with Retry-After, then normally', async () => {
    emulator.setFaults({ showClusterUserKubeconfig: { statuses: [503, 429], retryAfter: '0' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { response } = await call(pathOf(demo.id));
      statuses.push(response.status);
      if (i < 2) expect(response.headers.get('retry-after')).toBe('0');
    }
    expect(statuses).toEqual([503, 429, 200]);
  });

  it('drops connections, adds latency and skews the Date header', async () => {
    emulator.setFaults({
      showClusterUserKubeconfig: { dropConnections: 1, latencyMs: 30, dateSkewMs: 10 * 60 * 1000 },
    });
    await expect(call(pathOf(demo.id))).rejects.toThrow();
    const start = performance.now();
    const { response } = await call(pathOf(demo.id));
    expect(performance.now() - start).toBeGreaterThanOrEqual(25);
    const skew = Date.parse(response.headers.get('date') ?? '') - emulator.now();
    expect(Math.round(skew / 60_000)).toBe(10);
    emulator.setFaults({});
  });

  it('answers a reply Node refuses to write (a Retry-After with a line break) 500 in the envelope, then serves on', async () => {
    // Once answered at once, once after a delay: both ways a request is concluded.
    for (const latencyMs of [0, 5]) {
      emulator.setFaults({ showClusterUserKubeconfig: { statuses: [503], retryAfter: '1\nx', latencyMs } });
      const { response, body } = await call(pathOf(demo.id));
      expect(response.status).toBe(500);
      expect(firstError(body)).toMatchObject({ status: 500, code: 'EmulatorError', detail: ['TypeError'] });
      emulator.setFaults({});
      expect((await call(pathOf(demo.id))).response.status).toBe(200);
    }
  });

  it("keys faults by operationId: one operation's faults leave the others alone", async () => {
    emulator.setFaults({ createClusterKubeconfig: { statuses: [503] }, listClusters: { statuses: [429] } });
    expect((await call(pathOf(demo.id))).response.status).toBe(200);
    expect((await call(`/v1/clusters/${demo.id}`)).response.status).toBe(200);
    expect((await call('/v1/clusters')).response.status).toBe(429);
    expect((await call(`/v1/clusters/${demo.id}/kubeconfig?kubeconfig_type=private`)).response.status).toBe(503);
    expect((await call('/v1/clusters')).response.status).toBe(200);
    emulator.setFaults({});
  });

  it('refuses a fault for a name that is no route, naming the routes', async () => {
    const old = { userKubeconfig: { statuses: [503] } } as never;
    expect(() => emulator.setFaults(old)).toThrow(
      /^faults: userKubeconfig is not a route; expected one of versions, listClusters, createCluster, .*showClusterUserKubeconfig/,
    );
    await expect(startEmulator({ faults: old })).rejects.toThrow('faults: userKubeconfig is not a route');
  });

  it('faults any operation of the spec by its operationId: 503 with Retry-After on createCluster, then the change', async () => {
    const body = JSON.stringify({ ...clusterBody('ske 1.3', 'faulted-cluster') });
    const post = () =>
      signedFetchFor()(`${emulator.url}/v1/clusters`, {
        method: 'POST',
        headers: { 'Scp-Api-Version': 'ske 1.3', 'Content-Type': 'application/json' },
        body,
      });
    emulator.setFaults({ createCluster: { statuses: [503], retryAfter: '2' } });
    const refused = await post();
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(firstError(await refused.text())).toMatchObject({ code: 'InjectedFault', status: 503 });
    expect(emulator.clusters.map((cluster) => cluster.name)).not.toContain('faulted-cluster');
    const accepted = await post();
    expect(accepted.status).toBe(202);
    const { resource_id: id } = await accepted.json();
    expect(emulator.clusters.find((cluster) => cluster.id === id)?.name).toBe('faulted-cluster');
    emulator.setFaults({});
  });

  it('carries out and records a request with a body whose client gave up while its answer was delayed', async () => {
    emulator.setFaults({ createCluster: { latencyMs: 300 } });
    const before = emulator.requests.length;
    const impatient = createSignedFetch({ credentials: key1, now: () => emulator.now(), timeoutMs: 50 });
    await expect(
      impatient(`${emulator.url}/v1/clusters`, {
        method: 'POST',
        headers: { 'Scp-Api-Version': 'ske 1.3', 'Content-Type': 'application/json' },
        body: JSON.stringify(clusterBody('ske 1.3', 'late-answer-cluster')),
      }),
    ).rejects.toMatchObject({ code: 'ERR_SKE_TIMEOUT' });
    // The answer's delay ends, then the request is carried out: polled, not timed.
    for (let tries = 0; tries < 100 && emulator.requests.length === before; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(emulator.requests.slice(before)).toMatchObject([{ method: 'POST', url: '/v1/clusters', status: 202 }]);
    expect(emulator.clusters.map((cluster) => cluster.name)).toContain('late-answer-cluster');
    emulator.setFaults({});
  });

  it('resets the connection after reading the whole request, without carrying it out', async () => {
    emulator.setFaults({ setClusterLogging: { resetAfterRequest: 1 } });
    const put = () =>
      signedFetchFor()(`${emulator.url}/v1/clusters/${demo.id}/logging`, {
        method: 'PUT',
        headers: { 'Scp-Api-Version': 'ske 1.3', 'Content-Type': 'application/json' },
        body: JSON.stringify({ cloud_logging_enabled: true }),
      });
    const error = await put().then(
      () => undefined,
      (caught: Error & { cause?: { code?: string } }) => caught,
    );
    expect(error?.cause?.code ?? error?.message).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed|fetch failed/);
    expect(emulator.requests.at(-1)).toMatchObject({ method: 'PUT', code: 'ResetConnection' });
    expect(emulator.clusters.find((cluster) => cluster.id === demo.id)?.cloudLoggingEnabled).toBe(false);
    expect((await put()).status).toBe(202);
    emulator.setFaults({});
  });

  it('lets a signed fetch ride out 503, 503 and a dropped connection', async () => {
    emulator.setFaults({ showClusterUserKubeconfig: { statuses: [503, 503], dropConnections: 1 } });
    const signed = createSignedFetch({
      credentials: key1,
      now: emulator.now,
      retry: { maxRetries: 3, baseDelayMs: 1 },
    });
    const response = await signed(`${emulator.url}${pathOf(demo.id)}`);
    expect(response.status).toBe(200);
    emulator.setFaults({});
  });
});
