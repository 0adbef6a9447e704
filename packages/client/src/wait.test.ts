import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createVersionedClient } from './client.js';
import { NetworkError, SkeApiError, SkeInputError, SkeTimeoutError } from './errors.js';
import type { OperationTable, SkeResponse } from './operation.js';
import { contract, TODAY, useOwnServers } from './test-support.js';
import { DEFAULT_WAIT_TIMEOUT_MS, isTransient, judgeStatus, TOLERATED_FAILURES } from './wait.js';
import { SkeWaitFailedError, SkeWaitTimeoutError } from './wait-errors.js';
import { DEFAULT_WAIT_SCHEDULE, waitDelay } from './wait-schedule.js';

const CLUSTER_ID = '70a599e031e749b7b260868f441e862b';

/** A show operation with the waiters the spec gives a cluster and a nodepool, in one table. */
const TABLE = {
  showCluster: {
    method: 'GET',
    path: '/v1/clusters/{cluster_id}',
    parameters: [{ key: 'clusterId', name: 'cluster_id', in: 'path', required: true, schema: { type: 'string' } }],
    success: { status: 200, contentType: 'application/json' },
    resource: 'cluster',
    waiters: {
      clusterRunning: { success: ['RUNNING'], pending: ['CREATING', 'UPDATING'], failure: ['DELETING'] },
      clusterDeleted: { notFound: 'success', pending: ['*'] },
      poolDeleted: { notFound: 'success', pending: ['*'], pendingHttpStatuses: [500] },
    },
  },
} as const satisfies OperationTable;

type Waiter = (input: object, options?: object) => Promise<SkeResponse<{ cluster: { status: string } }> | undefined>;

const serve = useOwnServers();
/** Quick polls: the schedule is tested on its own below. */
const QUICK = { initialDelayMs: 0, minDelayMs: 1, maxDelayMs: 2 };

/** A server answering each request with the next answer (a status alone: that status, an envelope body), then the last one again. */
async function waiters(answers: (string | number | [number, Record<string, string>] | { raw: string })[], retries = 2) {
  let next = 0;
  const server = await serve((request, response: ServerResponse) => {
    const answer = answers[Math.min(next++, answers.length - 1)];
    if (answer === 'drop') {
      request.socket.destroy();
      return;
    }
    if (typeof answer === 'object' && 'raw' in answer) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer.raw);
      return;
    }
    if (typeof answer === 'string') {
      response.writeHead(200, { 'content-type': 'application/json', 'x-request-id': `req-${next}` });
      response.end(JSON.stringify({ cluster: { id: CLUSTER_ID, status: answer } }));
      return;
    }
    const [status, headers] = typeof answer === 'number' ? [answer, {}] : (answer as [number, Record<string, string>]);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify({ errors: [{ code: `E${status}`, detail: 'no' }] }));
  });
  const client = createVersionedClient<{ waitUntil: Record<string, Waiter> }>(contract(), TABLE, {
    endpoint: server.url,
    credentials: { accessKey: 'AK', secretKey: 'SK' },
    now: () => TODAY,
    retry: { maxRetries: retries, baseDelayMs: 0 },
  });
  return { wait: client.waitUntil, requests: server.requests };
}

describe('the poll schedule', () => {
  it('is SCP Terraform provider’s by default: 2 s, then 3 s doubling up to 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((poll) => waitDelay(poll))).toEqual([
      2000, 3000, 6000, 10_000, 10_000, 10_000, 10_000,
    ]);
    expect(DEFAULT_WAIT_SCHEDULE).toEqual({ initialDelayMs: 2000, minDelayMs: 3000, maxDelayMs: 10_000 });
  });

  it('takes its three knobs, checked', () => {
    const schedule = { initialDelayMs: 0, minDelayMs: 10, maxDelayMs: 35 };
    expect([0, 1, 2, 3, 4].map((poll) => waitDelay(poll, schedule))).toEqual([0, 10, 20, 35, 35]);
    expect(() => waitDelay(0, { minDelayMs: -1 })).toThrow(SkeInputError);
    expect(() => waitDelay(0, { maxDelayMs: 1.5 })).toThrow(/options\.maxDelayMs/);
  });
});

describe('statuses', () => {
  const spec = TABLE.showCluster.waiters.clusterRunning;
  it('are compared without regard to case', () => {
    expect(judgeStatus(spec, 'RUNNING')).toBe('success');
    expect(judgeStatus(spec, 'Running')).toBe('success');
    expect(judgeStatus(spec, 'creating')).toBe('pending');
    expect(judgeStatus(spec, 'Deleting')).toBe('failure');
    expect(judgeStatus(spec, 'ERROR')).toBe('unexpected');
    expect(judgeStatus({ notFound: 'success', pending: ['*'] }, 'anything')).toBe('pending');
  });

  it('count a network error, a time-out, a 429 and a 5xx as transient, nothing else', () => {
    const api = (status: number) =>
      new SkeApiError({
        status,
        code: 'x',
        title: '',
        detail: [],
        requestId: undefined,
        apiVersion: '',
        bodyExcerpt: '',
      });
    expect([429, 500, 502, 503, 504].every((status) => isTransient(api(status)))).toBe(true);
    expect([400, 401, 403, 404, 409].some((status) => isTransient(api(status)))).toBe(false);
    expect(isTransient(new Error('x'))).toBe(false);
    expect(isTransient(new NetworkError('GET', 'http://127.0.0.1', new Error('reset')))).toBe(true);
    expect(isTransient(new SkeTimeoutError(5, 'GET', 'http://127.0.0.1'))).toBe(true);
    expect(judgeStatus({ success: ['READY'] }, 'WAITING')).toBe('unexpected');
  });
});

describe('a waiter', () => {
  it('polls until a success status, telling each status, and resolves with the last answer', async () => {
    const { wait, requests } = await waiters(['CREATING', 'creating', 'Running']);
    const seen: string[] = [];
    const result = await wait.clusterRunning?.(
      { clusterId: CLUSTER_ID },
      { ...QUICK, onProgress: (status: string, elapsedMs: number) => seen.push(`${status}:${elapsedMs >= 0}`) },
    );
    expect(result?.data.cluster.status).toBe('Running');
    expect(result?.requestId).toBe('req-3');
    expect(seen).toEqual(['CREATING:true', 'creating:true', 'Running:true']);
    expect(requests).toHaveLength(3);
  });

  it('tolerates two transient failures in a row, never retrying inside a poll', async () => {
    const { wait, requests } = await waiters([503, 502, 'CREATING', 429, 504, 'RUNNING']);
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).resolves.toMatchObject({ status: 200 });
    // One request per poll, though the client retries a 5xx twice elsewhere.
    expect(requests).toHaveLength(6);
  });

  it('fails on the third transient failure in a row, with that failure', async () => {
    const { wait, requests } = await waiters(['CREATING', 503, 503, 500, 'RUNNING']);
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).rejects.toMatchObject({
      name: 'SkeApiError',
      status: 500,
    });
    expect(requests).toHaveLength(4);
  });

  it('fails at once on a failure status, and on a status in neither list, naming it', async () => {
    const failing = await waiters(['CREATING', 'Deleting']);
    const failure = failing.wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK);
    await expect(failure).rejects.toBeInstanceOf(SkeWaitFailedError);
    await expect(failure).rejects.toMatchObject({ code: 'ERR_SKE_WAIT_FAILED', status: 'Deleting', reason: 'failure' });
    const odd = await waiters(['FROZEN']);
    await expect(odd.wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).rejects.toThrow(/"FROZEN" is unexpected/);
  });

  it('fails on a 404 when it waits for a status, and succeeds on it when it waits for the resource to be gone', async () => {
    const gone = await waiters([404]);
    await expect(gone.wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).rejects.toMatchObject({
      reason: 'not-found',
      cause: { status: 404 },
    });
    const deleting = await waiters(['DELETING', 'whatever', 404]);
    const last = await deleting.wait.clusterDeleted?.({ clusterId: CLUSTER_ID }, QUICK);
    expect(last?.data.cluster.status).toBe('whatever');
    const never = await waiters([404]);
    await expect(never.wait.clusterDeleted?.({ clusterId: CLUSTER_ID }, QUICK)).resolves.toBeUndefined();
  });

  it('waits through the HTTP statuses its spec says mean pending, however many', async () => {
    const { wait } = await waiters([500, 500, 500, 500, 404]);
    await expect(wait.poolDeleted?.({ clusterId: CLUSTER_ID }, QUICK)).resolves.toBeUndefined();
    const strict = await waiters([500, 500, 500, 404]);
    await expect(strict.wait.clusterDeleted?.({ clusterId: CLUSTER_ID }, QUICK)).rejects.toMatchObject({
      status: 500,
    });
  });

  it('rejects with SkeWaitTimeoutError past timeoutMs, naming the last status', async () => {
    const { wait } = await waiters(['CREATING']);
    const waiting = wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { ...QUICK, timeoutMs: 50 });
    await expect(waiting).rejects.toBeInstanceOf(SkeWaitTimeoutError);
    await expect(waiting).rejects.toMatchObject({
      code: 'ERR_SKE_WAIT_TIMEOUT',
      waiter: 'clusterRunning',
      timeoutMs: 50,
      lastStatus: 'CREATING',
    });
  });

  it('waits at least as long as Retry-After asks before the next poll', async () => {
    // The answer asks for 30 s; the wait has 200 ms: it times out with one request sent, not two.
    const { wait, requests } = await waiters([[429, { 'retry-after': '30' }], 'RUNNING']);
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { ...QUICK, timeoutMs: 200 })).rejects.toBeInstanceOf(
      SkeWaitTimeoutError,
    );
    expect(requests).toHaveLength(1);
  });

  it('stops on its signal with the signal’s reason, before or between polls', async () => {
    const { wait, requests } = await waiters(['CREATING']);
    const stopped = new AbortController();
    stopped.abort(new Error('stopped'));
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { signal: stopped.signal })).rejects.toThrow(
      'stopped',
    );
    expect(requests).toHaveLength(0);
    const later = new AbortController();
    const waiting = wait.clusterRunning?.(
      { clusterId: CLUSTER_ID },
      { ...QUICK, signal: later.signal, onProgress: () => later.abort(new Error('enough')) },
    );
    await expect(waiting).rejects.toThrow('enough');
    expect(requests).toHaveLength(1);
  });

  it('refuses bad options before any request', async () => {
    const { wait, requests } = await waiters(['RUNNING']);
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { timeout: 5 })).rejects.toMatchObject({
      argument: 'options.timeout',
    });
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { timeoutMs: -1 })).rejects.toBeInstanceOf(
      SkeInputError,
    );
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { signal: 'no' })).rejects.toBeInstanceOf(
      SkeInputError,
    );
    // Checked at once, not after the first poll's delay (an hour here).
    await expect(wait.clusterRunning?.({ clusterId: 7 }, { initialDelayMs: 3_600_000 })).rejects.toMatchObject({
      argument: 'clusterId',
    });
    expect(requests).toHaveLength(0);
  });

  it('waits two hours by default, tolerates two failures in a row, and takes a timer’s longest delay', async () => {
    expect([DEFAULT_WAIT_TIMEOUT_MS, TOLERATED_FAILURES]).toEqual([7_200_000, 2]);
    const { wait, requests } = await waiters(['RUNNING']);
    await expect(
      wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { ...QUICK, timeoutMs: 2 ** 31 - 1 }),
    ).resolves.toMatchObject({
      status: 200,
    });
    await expect(
      wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { ...QUICK, timeoutMs: 2 ** 31 }),
    ).rejects.toMatchObject({
      argument: 'options.timeoutMs',
    });
    expect(requests).toHaveLength(1);
  });

  it('refuses options that are not an object, and an onProgress that is not a function', async () => {
    const { wait, requests } = await waiters(['RUNNING']);
    for (const options of ['fast', null, 5]) {
      await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, options as never)).rejects.toMatchObject({
        argument: 'options',
      });
    }
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { onProgress: 'log' })).rejects.toMatchObject({
      argument: 'options.onProgress',
    });
    await expect(wait.clusterRunning?.({ clusterId: CLUSTER_ID }, { signal: {} })).rejects.toMatchObject({
      argument: 'options.signal',
    });
    expect(requests).toHaveLength(0);
  });

  it('polls with no options at all, on the default schedule', async () => {
    const { wait, requests } = await waiters([404]);
    await expect(wait.clusterDeleted?.({ clusterId: CLUSTER_ID })).resolves.toBeUndefined();
    expect(requests).toHaveLength(1);
  });

  it('takes a lost connection for a transient failure, and a body without the resource for an unexpected status', async () => {
    const dropped = await waiters(['drop', 'RUNNING'], 0);
    await expect(dropped.wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).resolves.toMatchObject({
      status: 200,
    });
    expect(dropped.requests).toHaveLength(2);
    const empty = await waiters([{ raw: 'null' }]);
    await expect(empty.wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).rejects.toMatchObject({
      name: 'SkeWaitFailedError',
      status: 'undefined',
      reason: 'unexpected',
    });
  });

  it('tells the time since the wait began', async () => {
    const { wait } = await waiters(['RUNNING']);
    const elapsed: number[] = [];
    await wait.clusterRunning?.(
      { clusterId: CLUSTER_ID },
      { ...QUICK, onProgress: (_: string, ms: number) => elapsed.push(ms) },
    );
    expect(elapsed).toHaveLength(1);
    expect(elapsed[0]).toBeGreaterThanOrEqual(0);
    // Generous: only a sum instead of a difference would be this far off.
    expect(elapsed[0]).toBeLessThan(1e9);
  });

  it('says what happened in its errors', async () => {
    const gone = await waiters([404]);
    await expect(gone.wait.clusterRunning?.({ clusterId: CLUSTER_ID }, QUICK)).rejects.toMatchObject({
      name: 'SkeWaitFailedError',
      status: 'NotFound',
      message: 'clusterRunning: the resource is gone (404)',
    });
    expect(new SkeWaitFailedError('w', 'DELETING', 'failure').message).toBe('w: status "DELETING" is a failure');
    expect(new SkeWaitFailedError('w', 'odd', 'unexpected').message).toBe('w: status "odd" is unexpected');
    const late = new SkeWaitTimeoutError('w', 10, 'CREATING');
    expect([late.name, late.message]).toEqual([
      'SkeWaitTimeoutError',
      'w: still not done after 10 ms, the timeoutMs option (last status "CREATING")',
    ]);
    expect(new SkeWaitTimeoutError('w', 10, undefined).message).toBe(
      'w: still not done after 10 ms, the timeoutMs option',
    );
  });
});
