import { describe, expect, it } from 'vitest';
import { createVersionedClient } from './client.js';
import type { SkeClientOptions } from './client-options.js';
import { SigningOptionError, SkeInputError, SkeTimeoutError } from './errors.js';
import { contract, OPERATIONS, type TestClient, trickle, useOwnServers, useStubServer } from './test-support.js';

const stub = useStubServer();
const serve = useOwnServers();
const createClient = (extra?: SkeClientOptions) =>
  createVersionedClient<TestClient>(contract(), OPERATIONS, stub.options(extra));
const LIST = '{"clusters":[],"count":0}';

describe('a call’s own options (its second argument)', () => {
  it('send its headers beside the version header, and the client’s headers with every call', async () => {
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    const client = createClient({ headers: { 'x-team': 'blue', 'x-trace': 'client' } });
    await client.listClusters({}, { headers: { 'x-trace': 'call' } });
    const headers = stub.requests[0]?.headers ?? {};
    expect(headers['x-team']).toBe('blue');
    expect(headers['x-trace']).toBe('call');
    expect(headers['scp-api-version']).toBe('ske 1.3');
  });

  it('retry as many times as maxRetries says, over the client’s', async () => {
    stub.answer = { status: 503, headers: { 'content-type': 'application/json' }, body: '{}' };
    const client = createClient({ maxRetries: 0, retry: { baseDelayMs: 0 } });
    await expect(client.listClusters({}, { maxRetries: 2 })).rejects.toMatchObject({ status: 503 });
    expect(stub.requests).toHaveLength(3);
    stub.requests.length = 0;
    await expect(client.listClusters()).rejects.toMatchObject({ status: 503 });
    expect(stub.requests).toHaveLength(1);
  });

  it('hold the call to its own timeoutMs, over the client’s', async () => {
    const slow = await serve(trickle());
    const client = createVersionedClient<TestClient>(contract(), OPERATIONS, stub.options({ endpoint: slow.url }));
    const call = client.listClusters({}, { timeoutMs: 100 });
    await expect(call).rejects.toBeInstanceOf(SkeTimeoutError);
    await expect(call).rejects.toMatchObject({ timeoutMs: 100 });
  });

  it('stop on the call’s signal, the client’s signal, or the input’s (still honoured)', async () => {
    const slow = await serve(trickle());
    const stopped = () => {
      const controller = new AbortController();
      controller.abort(new Error('stopped'));
      return controller.signal;
    };
    const client = createVersionedClient<TestClient>(contract(), OPERATIONS, stub.options({ endpoint: slow.url }));
    await expect(client.listClusters({}, { signal: stopped() })).rejects.toThrow('stopped');
    await expect(client.listClusters({ signal: stopped() })).rejects.toThrow('stopped');
    // With both a client's and a call's signal, either stops the call.
    const clientWide = new AbortController();
    const both = createVersionedClient<TestClient>(
      contract(),
      OPERATIONS,
      stub.options({ endpoint: slow.url, signal: clientWide.signal }),
    );
    const call = both.listClusters({}, { signal: new AbortController().signal });
    setTimeout(() => clientWide.abort(new Error('client stopped')), 20);
    await expect(call).rejects.toThrow('client stopped');
    const halted = createVersionedClient<TestClient>(
      contract(),
      OPERATIONS,
      stub.options({ endpoint: slow.url, signal: stopped() }),
    );
    await expect(halted.listClusters()).rejects.toThrow('stopped');
  });

  it('tell each attempt to onAttempt', async () => {
    stub.answer = { status: 200, headers: { 'content-type': 'application/json' }, body: LIST };
    const attempts: number[] = [];
    await createClient().listClusters({}, { onAttempt: (event) => attempts.push(event.response?.status ?? 0) });
    expect(attempts).toEqual([200]);
  });

  it('are checked before any request', async () => {
    const client = createClient();
    await expect(client.listClusters({}, { timeout: 5 } as never)).rejects.toMatchObject({
      argument: 'options.timeout',
    });
    await expect(client.listClusters({}, { signal: 'no' } as never)).rejects.toBeInstanceOf(SkeInputError);
    await expect(client.listClusters({}, { timeoutMs: 0 })).rejects.toMatchObject({ option: 'timeoutMs' });
    await expect(client.listClusters({}, { maxRetries: -1 })).rejects.toBeInstanceOf(SigningOptionError);
    expect(stub.requests).toHaveLength(0);
  });
});
