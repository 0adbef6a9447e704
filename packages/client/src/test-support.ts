/**
 * What the runtime's tests share (not shipped): a contract and an operation table like the generator writes, a kubeconfig,
 * a local server on 127.0.0.1:0 that records each request and gives the answer a test sets, and servers of a test's
 * own making (a hostile one: redirecting, trickling, answering without end) that the test closes.
 */
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { SkeClient } from './client.js';
import type { SkeClientOptions } from './client-options.js';
import type { VersionContract } from './contract.js';
import type { OperationTable } from './operation.js';

export const CLUSTER_ID = '70a599e031e749b7b260868f441e862b';
export const KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: https://c.ske.public.kr-west1.samsungsdscloud.com:6443
users:
- name: u
  user:
    token: x
contexts:
- name: first
  context: {cluster: c, user: u}
- name: second
  context:
    cluster: c
    user: u
current-context: second
`;
export const TODAY = Date.parse('2026-11-29T09:00:00Z');

export function contract(overrides: Partial<VersionContract> = {}): VersionContract {
  return {
    service: 'ske',
    version: '1.3',
    apiVersion: 'ske 1.3',
    state: 'CURRENT',
    notBefore: null,
    current: { version: '1.3', apiVersion: 'ske 1.3', package: '@scp-ske/client-1.3' },
    server: {
      url: 'https://ske.{region}.{environment}.samsungsdscloud.com',
      regions: { s: ['kr-west1', 'kr-east1'], g: ['kr-south1'] },
    },
    ...overrides,
  };
}

/** An operation table like the generator writes: a text (kubeconfig) operation and a JSON one with every query style. */
export const OPERATIONS = {
  showClusterUserKubeconfig: {
    method: 'GET',
    path: '/v1/clusters/{cluster_id}/user-kubeconfig',
    parameters: [
      {
        key: 'clusterId',
        name: 'cluster_id',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
        example: CLUSTER_ID,
      },
      {
        key: 'kubeconfigType',
        name: 'kubeconfig_type',
        in: 'query',
        required: true,
        schema: { type: 'string', enum: ['private', 'public'] },
      },
    ],
    success: { status: 200, contentType: '*/*' },
    convenience: 'getUserKubeconfig',
  },
  listClusters: {
    method: 'GET',
    path: '/v1/clusters',
    parameters: [
      { key: 'size', name: 'size', in: 'query', schema: { type: ['integer', 'null'], minimum: 0 } },
      {
        key: 'name',
        name: 'name',
        in: 'query',
        schema: { type: ['string', 'null'], pattern: '^[a-z0-9\\-]*$' },
        example: 'sample-cluster',
      },
      {
        key: 'status',
        name: 'status',
        in: 'query',
        schema: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }] },
      },
      { key: 'traceId', name: 'X-Trace-Id', in: 'header', schema: { type: 'string', maxLength: 8 } },
    ],
    success: { status: 200, contentType: 'application/json' },
  },
} as const satisfies OperationTable;

interface TestOperations {
  showClusterUserKubeconfig: { input: { clusterId: string; kubeconfigType: 'private' | 'public' }; data: string };
  listClusters: {
    input: { size?: number | null; name?: string | null; status?: string | string[] | null; traceId?: string };
    data: { clusters: { id: string }[]; count?: number | null };
  };
}
/** The client type a generated package would declare for OPERATIONS. */
export type TestClient = SkeClient<TestOperations, { getUserKubeconfig: 'showClusterUserKubeconfig' }>;

export type Answer = { status: number; headers?: Record<string, string>; body: string };

export interface StubServer {
  endpoint: string;
  /** Requests since the current test began. */
  requests: IncomingMessage[];
  /** What the next requests get; reset to 200 with the kubeconfig before each test. */
  answer: Answer;
  /** Client options aimed at this server: fixed keys and clock, no retries. */
  options(extra?: SkeClientOptions): SkeClientOptions;
}

/** Starts the server before the file's tests and closes it after them. */
export function useStubServer(): StubServer {
  const server = createServer((request, response) => {
    stub.requests.push(request);
    response.writeHead(stub.answer.status, stub.answer.headers);
    response.end(stub.answer.body);
  });
  const stub: StubServer = {
    endpoint: '',
    requests: [],
    answer: { status: 200, body: KUBECONFIG },
    options: (extra = {}) => ({
      endpoint: stub.endpoint,
      credentials: { accessKey: 'AK', secretKey: 'SK' },
      now: () => TODAY,
      retry: { maxRetries: 0 },
      ...extra,
    }),
  };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    stub.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    stub.requests.length = 0;
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: KUBECONFIG };
  });
  return stub;
}

export interface OwnServer {
  url: string;
  requests: IncomingMessage[];
}

/** Starts servers on 127.0.0.1:0 that answer with a test's own listener; each is closed after the test that started it. */
export function useOwnServers(): (listener: RequestListener) => Promise<OwnServer> {
  let closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.map((close) => close()));
    closers = [];
  });
  return async (listener) => {
    const requests: IncomingMessage[] = [];
    const server = createServer((request, response) => {
      requests.push(request);
      listener(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
  };
}

/** A 200 whose body comes one byte every `intervalMs`, for as long as the connection stays open. */
export const trickle =
  (intervalMs = 50): RequestListener =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => response.write(' '), intervalMs);
    response.on('close', () => clearInterval(timer));
  };
