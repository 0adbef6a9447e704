/**
 * Property-based fuzzing: thousands of random and malformed requests to every operation (methods,
 * paths, ids, query values and filters, request bodies and their types, header junk, oversized
 * headers, raw garbage) must each get a declared status with a well-formed body: never a 5xx (so
 * never an answer the spec rejects, whatever the store has become), a crash or a hang.
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { computeSignature } from '@scp-ske/signing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './emulator.js';
import { DEMO_CREDENTIALS } from './fixtures.js';

const DECLARED = new Set([200, 202, 400, 401, 403, 404, 406, 413, 415]);
const [key] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0]];
let emulator: Emulator;
let agent: Agent;
beforeAll(async () => {
  emulator = await startEmulator({ transitionMs: 5 });
  agent = new Agent({ keepAlive: true, maxSockets: 4 });
});
afterAll(async () => {
  agent.destroy();
  await emulator.close();
});

interface Answer {
  status: number;
  body: string;
}

function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, headers, agent, timeout: 5000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer to ${method} ${path} within 5 s`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function sendRaw(bytes: string): Promise<Answer> {
  const { port } = new URL(emulator.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer to raw bytes within 5 s')));
    socket.on('data', (chunk) => {
      data += chunk.toString();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0);
      resolve({ status, body: data.slice(data.indexOf('\r\n\r\n') + 4) });
    });
    socket.end(bytes);
  });
}

function expectWellFormed(answer: Answer, method: string, path = '') {
  expect(DECLARED.has(answer.status), `status ${answer.status}`).toBe(true);
  if (method === 'HEAD') return;
  // Routing follows the URL standard, dot segments included: `/.` and `/a/..` are the root too.
  if (answer.status === 200 && new URL(path, 'http://emulator.invalid').pathname === '/') {
    expect(JSON.parse(answer.body).versions).toBeInstanceOf(Array);
    return;
  }
  if (
    answer.status === 200 &&
    /\/kubeconfig|\/user-kubeconfig/.test(new URL(path, 'http://emulator.invalid').pathname)
  ) {
    expect(answer.body).toMatch(/^apiVersion: v1\nkind: Config\n/);
    return;
  }
  if (answer.status === 200 || answer.status === 202) {
    const body = JSON.parse(answer.body);
    const known = ['clusters', 'cluster', 'nodepools', 'nodepool', 'nodes', 'resource_id', 'kubernetes_versions'];
    expect(
      known.some((key) => key in body),
      answer.body,
    ).toBe(true);
    return;
  }
  const error = JSON.parse(answer.body).errors[0];
  expect(error).toMatchObject({ status: answer.status, code: expect.any(String), detail: expect.any(Array) });
}

/** A valid signature when the parts allow one (the signer refuses junk), else junk. */
function signOrJunk(
  verb: string,
  target: string,
  timestamp: string | undefined,
  accessKey: string | undefined,
): string {
  try {
    return computeSignature({
      method: verb,
      url: `${emulator.url}${target}`,
      timestamp: timestamp ?? '',
      accessKey: accessKey ?? '',
      secretKey: key.secretKey,
    });
  } catch {
    return 'not-signable';
  }
}

const printable = fc.string({
  unit: fc.constantFrom(...'abcdefABCDEF0123456789-_.~%+/=:;, !@$&*()[]'.split('')),
  maxLength: 40,
});
const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const clusterId = fc.oneof(hex32, fc.constant('70a599e031e749b7b260868f441e862b'), printable, fc.constant(''));
const kubeconfigType = fc.oneof(
  fc.constantFrom('private', 'public', 'PUBLIC', '', 'private&kubeconfig_type=public'),
  printable,
);
const kubeconfigPath = fc.constantFrom('user-kubeconfig', 'kubeconfig');
const listQuery = fc.array(
  fc.tuple(
    fc.constantFrom('size', 'page', 'sort', 'name', 'status', 'kubernetes_version', 'subnet_id'),
    fc.oneof(printable, fc.integer({ min: -2, max: 5 }).map(String)),
  ),
  { maxLength: 4 },
);
const nodepoolId = fc.oneof(
  fc.constantFrom('bdfda539-bd2e-4a5c-9021-ec6d52d1ca79', '00000000-0000-4000-8000-000000000000'),
  printable,
);
const changePath = fc.oneof(
  fc
    .tuple(
      clusterId,
      fc.constantFrom(
        '',
        '/logging',
        '/private-access-control',
        '/public-access-control',
        '/security-groups',
        '/service-watch-logging',
        '/upgrade',
        '/nodepools',
      ),
    )
    .map(([id, tail]) => `/v1/clusters/${encodeURIComponent(id)}${tail}`),
  fc
    .tuple(nodepoolId, fc.constantFrom('', '/labels', '/taints', '/upgrade', '/nodes'))
    .map(([id, tail]) => `/v1/nodepools/${encodeURIComponent(id)}${tail}`),
  fc.constantFrom('/v1/clusters', '/v1/nodepools', '/v1/kubernetes-versions'),
);
const path = fc.oneof(
  { arbitrary: changePath, weight: 4 },
  fc
    .tuple(clusterId, kubeconfigType, kubeconfigPath)
    .map(
      ([id, type, kind]) =>
        `/v1/clusters/${encodeURIComponent(id)}/${kind}?kubeconfig_type=${encodeURIComponent(type)}`,
    ),
  fc.tuple(clusterId, printable).map(([id, query]) => `/v1/clusters/${encodeURIComponent(id)}?${encodeURI(query)}`),
  listQuery.map((pairs) => `/v1/clusters?${new URLSearchParams(pairs)}`),
  fc
    .tuple(clusterId, printable)
    .map(([id, query]) => `/v1/clusters/${encodeURIComponent(id)}/user-kubeconfig?${encodeURI(query)}`),
  fc.array(printable, { maxLength: 5 }).map((segments) => `/${segments.map(encodeURIComponent).join('/')}`),
  fc.constantFrom(
    '/',
    '//',
    '/v1/clusters/',
    '/v1/clusters//user-kubeconfig',
    '/v1/clusters/%zz/user-kubeconfig?kubeconfig_type=private',
  ),
);
const method = fc.oneof(
  fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'),
  fc.stringMatching(/^[A-Z]{1,8}$/),
);
/** A request body: none, random JSON, a well-formed change, junk; as JSON or as something else. */
const body = fc.option(
  fc.record({
    text: fc.oneof(
      fc.json(),
      fc.constantFrom(
        '{"cloud_logging_enabled":true}',
        '{"desired_node_count":0}',
        '{"labels":[{"key":"a","value":"b"}]}',
        '{"security_group_id_list":["sg"]}',
        '{"kubernetes_version":"v1.31.1"}',
      ),
      fc.string({ maxLength: 40 }),
    ),
    type: fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', ''),
  }),
  { nil: undefined },
);
const junk = fc.string({ unit: fc.constantFrom(...' abcXYZ0123456789=+/-_.:'.split('')), maxLength: 64 });
const randomHeaders = fc.record(
  {
    accessKey: fc.oneof(fc.constant(key.accessKey), junk),
    timestamp: fc.oneof(fc.constant('now'), junk, fc.constant('99999999999999999999')),
    signature: fc.oneof(fc.constant('valid'), junk),
    clientType: fc.oneof(fc.constant('Openapi'), junk),
    apiVersion: fc.oneof(fc.constantFrom('ske 1.3', 'ske 1.2', 'ske 1.0', 'ske 9.9', 'ske', ''), junk),
    language: junk,
    oversized: fc.boolean(),
  },
  { requiredKeys: [] },
);
/** Half of the requests are signed well, so that they reach the operations (bodies, the store). */
const headers = fc.oneof(
  randomHeaders,
  fc.record({
    accessKey: fc.constant(key.accessKey),
    timestamp: fc.constant('now'),
    signature: fc.constant('valid'),
    clientType: fc.constant('Openapi'),
    apiVersion: fc.constantFrom('ske 1.3', 'ske 1.2', 'ske 1.1'),
  }) as typeof randomHeaders,
);

describe('fuzzing the emulator', () => {
  it('answers 5,000 random requests with a declared status and a well-formed body', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, headers, body, async (verb, target, h, sentBody) => {
        const timestamp = h.timestamp === 'now' ? String(emulator.now()) : h.timestamp;
        const sent: Record<string, string> = {};
        if (h.accessKey !== undefined) sent['Scp-AccessKey'] = h.accessKey;
        if (timestamp !== undefined) sent['Scp-Timestamp'] = timestamp;
        if (h.clientType !== undefined) sent['Scp-ClientType'] = h.clientType;
        if (h.apiVersion !== undefined) sent['Scp-Api-Version'] = h.apiVersion;
        if (h.language !== undefined) sent['Accept-Language'] = h.language;
        if (h.signature !== undefined) {
          sent['Scp-Signature'] =
            h.signature === 'valid' ? signOrJunk(verb, target, timestamp, h.accessKey) : h.signature;
        }
        if (h.oversized) sent['X-Padding'] = 'p'.repeat(20_000);
        if (sentBody?.type) sent['Content-Type'] = sentBody.type;
        expectWellFormed(await send(verb, target, sent, sentBody?.text), verb, target);
      }),
      // Found by this property once: dot segments that resolve to the root.
      {
        numRuns: 5000,
        examples: [
          ['GET', '/.', {}, undefined],
          ['GET', '/a/..', {}, undefined],
        ],
      },
    );
    expect(emulator.requests.length).toBeGreaterThan(0);
  }, 120_000);

  it('answers malformed HTTP with 400 in the envelope', async () => {
    for (const bytes of [
      'GARBAGE\r\n\r\n',
      'GET /v1 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      'BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: x\r\nX: ${'a'.repeat(70_000)}\r\n\r\n`,
    ]) {
      expectWellFormed(await sendRaw(bytes), 'RAW');
    }
  });
});
