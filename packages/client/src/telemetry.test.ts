import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { createVersionedClient } from './client.js';
import type { SkeClientOptions, SkeLogger } from './client-options.js';
import { SkeInputError } from './errors.js';
import { contract, OPERATIONS, type TestClient, useStubServer } from './test-support.js';

const stub = useStubServer();
const SECRET = 'TOPSECRETKEY0123456789';
const ACCESS = 'ACCESSKEY0123456789';
const LIST = '{"clusters":[],"count":0}';

/** A logger that keeps every line with its level. */
function recorder() {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (line: string): void => {
      lines.push(`${level} ${line}`);
    };
  const logger: SkeLogger = { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return { lines, logger };
}

const createClient = (extra?: SkeClientOptions) =>
  createVersionedClient<TestClient>(
    contract(),
    OPERATIONS,
    stub.options({ credentials: { accessKey: ACCESS, secretKey: SECRET }, ...extra }),
  );

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('logging', () => {
  it('writes one line per attempt: operation, version, status, request id, duration, retry reason', async () => {
    const { lines, logger } = recorder();
    let answers = 0;
    stub.answer = { status: 503, headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' }, body: '{}' };
    const client = createClient({ logger, logLevel: 'debug', retry: { maxRetries: 1, baseDelayMs: 0 } });
    const signatures: string[] = [];
    await expect(
      client.listClusters(
        {},
        {
          onAttempt: (event) => {
            signatures.push(event.headers.get('scp-signature') ?? '');
            answers += 1;
            stub.answer = {
              status: 200,
              headers: { 'content-type': 'application/json', 'x-request-id': 'req-2' },
              body: LIST,
            };
          },
        },
      ),
    ).resolves.toMatchObject({ status: 200 });
    expect(answers).toBe(2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^warn \[scp-ske\] listClusters \(ske 1\.3\) attempt 1: 503 in \d+ ms, request req-1; retrying \(status\) in 0 ms$/,
    );
    expect(lines[1]).toMatch(/^debug \[scp-ske\] listClusters \(ske 1\.3\) attempt 2: 200 in \d+ ms, request req-2$/);
    // Never a credential or a signature.
    for (const secret of [SECRET, ACCESS, ...signatures]) {
      expect(secret.length).toBeGreaterThan(10);
      expect(lines.join('\n')).not.toContain(secret);
    }
  });

  it('writes only the lines at its level or above, error for a call that fails for good', async () => {
    const { lines, logger } = recorder();
    stub.answer = { status: 500, headers: { 'content-type': 'application/json' }, body: '{}' };
    await expect(createClient({ logger, logLevel: 'warn' }).listClusters()).rejects.toMatchObject({ status: 500 });
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    await createClient({ logger, logLevel: 'warn' }).listClusters();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error .* attempt 1: 500 in/);
  });

  it('follows SCP_SKE_LOG when no logLevel is given, and is off without it', async () => {
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    const quiet = recorder();
    vi.stubEnv('SCP_SKE_LOG', 'off');
    await createClient({ logger: quiet.logger }).listClusters();
    vi.stubEnv('SCP_SKE_LOG', 'DEBUG');
    const loud = recorder();
    await createClient({ logger: loud.logger }).listClusters();
    expect(quiet.lines).toEqual([]);
    expect(loud.lines).toHaveLength(1);
    vi.stubEnv('SCP_SKE_LOG', 'chatty');
    await expect(createClient().listClusters()).rejects.toBeInstanceOf(SkeInputError);
  });

  it('refuses an unknown logLevel before any request', async () => {
    await expect(createClient({ logLevel: 'loud' as never }).listClusters()).rejects.toMatchObject({
      argument: 'logLevel',
    });
    expect(stub.requests).toHaveLength(0);
  });
});

describe('tracing', () => {
  interface Recorded {
    name: string;
    attributes: Record<string, unknown>;
    status?: { code: number };
    ended: boolean;
    exceptions: unknown[];
  }
  const spans: Recorded[] = [];
  const tracers: string[] = [];
  trace.setGlobalTracerProvider({
    getTracer: (name: string) => {
      tracers.push(name);
      return tracer;
    },
  });
  const tracer = {
    startSpan(name: string, options: { attributes?: Record<string, unknown> }) {
      const span: Recorded = { name, attributes: { ...options.attributes }, ended: false, exceptions: [] };
      spans.push(span);
      return {
        setAttribute(key: string, value: unknown) {
          span.attributes[key] = value;
        },
        recordException(error: unknown) {
          span.exceptions.push(error);
        },
        setStatus(status: { code: number }) {
          span.status = status;
        },
        end() {
          span.ended = true;
        },
      };
    },
  } as never;
  afterAll(() => trace.disable());

  it('makes one span per call with the call’s attributes, when asked for', async () => {
    stub.answer = { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': 'req-9' }, body: LIST };
    await createClient({ tracing: true }).listClusters();
    stub.answer = { status: 404, headers: { 'content-type': 'application/json' }, body: '{}' };
    await expect(createClient({ tracing: true }).listClusters()).rejects.toMatchObject({ status: 404 });
    await createClient()
      .listClusters()
      .catch(() => undefined);
    expect(spans).toHaveLength(2);
    expect(spans[0]).toMatchObject({
      name: 'ske listClusters',
      ended: true,
      attributes: {
        'scp.ske.operation': 'listClusters',
        'scp.ske.api_version': 'ske 1.3',
        'http.request.method': 'GET',
        'http.response.status_code': 200,
        'scp.ske.request_id': 'req-9',
        'http.request.resend_count': 0,
      },
    });
    expect(spans[1]).toMatchObject({
      ended: true,
      status: { code: 2 },
      attributes: { 'http.response.status_code': 404 },
    });
    expect(spans[1]?.exceptions).toHaveLength(1);
  });

  it('names its tracer, and leaves out of a failed call’s span what it does not know', async () => {
    spans.length = 0;
    const closed = await new Promise<string>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    await expect(createClient({ tracing: true, endpoint: closed }).listClusters()).rejects.toMatchObject({
      code: 'ERR_SKE_NETWORK',
    });
    expect(tracers).toContain('@scp-ske/client');
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).not.toHaveProperty('http.response.status_code');
    expect(spans[0]?.attributes).not.toHaveProperty('scp.ske.request_id');
    expect(spans[0]?.attributes['error.type']).toBe('ERR_SKE_NETWORK ECONNREFUSED');
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    await createClient({ tracing: true }).listClusters();
    expect(spans[1]?.status).toBeUndefined();
    expect(spans[1]?.attributes).not.toHaveProperty('scp.ske.request_id');
  });

  it('follows SCP_SKE_TRACING when no tracing option is given: 1, true or on', async () => {
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    const traced = async (value: string, tracing?: boolean) => {
      vi.stubEnv('SCP_SKE_TRACING', value);
      const before = spans.length;
      await createClient(tracing === undefined ? {} : { tracing }).listClusters();
      return spans.length - before;
    };
    expect(await traced('on')).toBe(1);
    expect(await traced('TRUE')).toBe(1);
    expect(await traced('1')).toBe(1);
    expect(await traced('only')).toBe(0);
    expect(await traced('yes-on')).toBe(0);
    expect(await traced('on', false)).toBe(0);
  });
});

describe('logging a failure without an answer', () => {
  it('writes the failure’s code at error level, and no request id', async () => {
    const { lines, logger } = recorder();
    const closed = await new Promise<string>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(`http://127.0.0.1:${port}`));
      });
    });
    await expect(createClient({ logger, logLevel: 'error', endpoint: closed }).listClusters()).rejects.toBeInstanceOf(
      Error,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^error \[scp-ske\] listClusters \(ske 1\.3\) attempt 1: ERR_SKE_NETWORK ECONNREFUSED in (\d+) ms$/,
    );
    // Generous: only a sum instead of a difference would be this far off.
    expect(Number(/in (\d+) ms/.exec(lines[0] ?? '')?.[1])).toBeLessThan(1e9);
  });

  it('writes an answer without a request id as such', async () => {
    const { lines, logger } = recorder();
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    await createClient({ logger, logLevel: 'debug' }).listClusters();
    expect(lines[0]).toMatch(/^debug \[scp-ske\] listClusters \(ske 1\.3\) attempt 1: 200 in \d+ ms$/);
  });
});
