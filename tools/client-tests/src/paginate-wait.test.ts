/**
 * The paginators (`client.paginate.<operationId>`, one per list the spec marks with `x-scp-pagination`) and
 * the waiters (`client.waitUntil.<name>`, from the spec's `x-scp-waiters`) of every version's client, against
 * the emulator: its lists page with `page` and `size`, and its clusters and nodepools change status after
 * `transitionMs` (kept small here, and the poll schedule with it, so that nothing waits seconds).
 */
import type { OperationSpec, SkeResponse } from '@scp-ske/client';
import {
  type ClusterFixture,
  DEFAULT_CLUSTERS,
  DEMO_CREDENTIALS,
  type Emulator,
  startEmulator,
} from '@scp-ske/emulator';
import { loadDocument, manifest } from '@scp-ske/spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientFactories, operationTables } from './generated/clients.js';
import { bodyExample, sampleInput } from './samples.js';

type Version = keyof typeof clientFactories;
type Call = (input?: object, options?: object) => Promise<SkeResponse<Record<string, unknown>>>;
type Waiter = (input: object, options?: object) => Promise<SkeResponse<Record<string, unknown>> | undefined>;
interface TableClient {
  [operationId: string]: unknown;
  paginate: Record<string, (input?: object, options?: object) => AsyncIterable<{ id?: string; name?: string }>>;
  waitUntil: Record<string, Waiter>;
}

const DAY = 86_400_000;
const servedOn = (notBefore: string | null) =>
  notBefore ? new Date(Date.parse(notBefore) - DAY).toISOString().slice(0, 10) : '2025-06-01';

/** The demo store with more of everything than one page of 2 holds: 8 clusters, 5 nodepools, 5 nodes. */
const [demo, ...others] = DEFAULT_CLUSTERS as [ClusterFixture, ...ClusterFixture[]];
const CLUSTERS: ClusterFixture[] = [
  {
    ...demo,
    nodepools: [
      ...(demo.nodepools ?? []).map((nodepool, index) => (index === 0 ? { ...nodepool, nodeCount: 5 } : nodepool)),
      { name: 'pool-3' },
      { name: 'pool-4' },
      { name: 'pool-5' },
    ],
  },
  ...others,
  ...Array.from({ length: 5 }, (_, index) => ({
    id: `${index}`.repeat(32),
    name: `paged-cluster-${index}`,
    endpoints: { private: `https://paged-${index}.example.test:6443` },
    accessKeys: [DEMO_CREDENTIALS[0]?.accessKey as string],
  })),
];

/** A quick poll schedule: every few milliseconds. */
const QUICK = { initialDelayMs: 0, minDelayMs: 5, maxDelayMs: 20, timeoutMs: 30_000 };

async function collect<Item>(items: AsyncIterable<Item>): Promise<Item[]> {
  const all: Item[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe.each(manifest.versions.map((entry) => [entry.version, entry] as const))('@scp-ske/client-%s', (_, entry) => {
  const { version, notBefore } = entry;
  const table = operationTables[version as Version] as Record<string, OperationSpec>;
  let emulator: Emulator;
  let client: TableClient;
  const call = (id: string, input?: object, options?: object) => (client[id] as Call)(input, options);
  const pages = (id: string, input?: object, options?: object) => {
    const paginator = client.paginate[id];
    if (!paginator) throw new TypeError(`the ${version} client has no paginator ${id}`);
    return paginator(input, options);
  };
  const wait = (name: string, input: object, options?: object) => {
    const waiter = client.waitUntil[name];
    if (!waiter) throw new TypeError(`the ${version} client has no waiter ${name}`);
    return waiter(input, options);
  };

  beforeEach(async () => {
    emulator = await startEmulator({ now: servedOn(notBefore), transitionMs: 50, clusters: CLUSTERS });
    const options = { endpoint: emulator.url, credentials: DEMO_CREDENTIALS[0], now: emulator.now };
    client = clientFactories[version as Version](options) as unknown as TableClient;
  });
  afterEach(() => emulator.close());

  const paged = Object.entries(table).filter(([, operation]) => operation.pagination);

  it('has one paginator per list the spec says pages, and one waiter per x-scp-waiters entry', () => {
    expect(Object.keys(client.paginate).sort()).toEqual(paged.map(([id]) => id).sort());
    const waiters = Object.values(table).flatMap((operation) => Object.keys(operation.waiters ?? {}));
    expect(Object.keys(client.waitUntil).sort()).toEqual(waiters.sort());
    expect(waiters).toEqual(expect.arrayContaining(['clusterRunning', 'clusterDeleted']));
  });

  it.each(paged)('%s pages lazily with a small size, every item once, one request per page', async (id, operation) => {
    const document = await loadDocument(version as never, 'dereferenced');
    const input = sampleInput(document, operation);
    const items = operation.pagination?.items as string;
    const everything = (await call(id, input)).data[items] as { id?: string; name?: string }[];
    expect(everything.length).toBeGreaterThan(2);
    const sent = emulator.requests.length;
    const read = await collect(pages(id, input, {}));
    expect(read).toEqual(everything);
    expect(emulator.requests.length - sent).toBe(1);
    // With a page of 2: every item, in order, one request per page and none past `count`.
    const before = emulator.requests.length;
    const paged2 = await collect(pages(id, { ...input, size: 2 }));
    expect(paged2).toEqual(everything);
    const requests = emulator.requests.slice(before);
    expect(requests).toHaveLength(Math.ceil(everything.length / 2));
    // The first page as asked (no `page`: the first), the next ones by number.
    expect(requests.map((request) => new URL(request.url, emulator.url).searchParams.get('page') ?? '0')).toEqual(
      requests.map((_, page) => String(page)),
    );
  });

  it('reads no page past the items the loop takes, and stops on the signal', async () => {
    const sent = emulator.requests.length;
    for await (const cluster of pages('listClusters', { size: 2 })) {
      expect(cluster.id).toBeTypeOf('string');
      break;
    }
    expect(emulator.requests.length - sent).toBe(1);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(collect(pages('listClusters', { size: 2 }, { signal: controller.signal }))).rejects.toThrow('stop');
  });

  it('waits for a new cluster to run, then for it to be gone, one request per poll', async () => {
    const document = await loadDocument(version as never, 'dereferenced');
    const body = bodyExample(document, table.createCluster as OperationSpec) as Record<string, unknown>;
    const created = await call('createCluster', { body: { ...body, name: 'waited-cluster' } });
    const clusterId = created.data.resource_id as string;
    const statuses: string[] = [];
    // One poll fails with 503: tolerated, and not retried inside the poll.
    emulator.setFaults({ showCluster: { statuses: [503] } });
    const sent = emulator.requests.length;
    const running = await wait(
      'clusterRunning',
      { clusterId },
      { ...QUICK, onProgress: (status: string) => statuses.push(status) },
    );
    expect((running?.data.cluster as { status?: string } | undefined)?.status).toBe('RUNNING');
    expect(statuses.at(-1)).toBe('RUNNING');
    expect(statuses.slice(0, -1).every((status) => status === 'CREATING')).toBe(true);
    const polls = emulator.requests.slice(sent).filter((request) => request.method === 'GET');
    expect(polls).toHaveLength(statuses.length + 1);
    expect(polls.filter((request) => request.status === 503)).toHaveLength(1);

    await call('deleteCluster', { clusterId });
    await expect(wait('clusterDeleted', { clusterId }, QUICK)).resolves.not.toBeInstanceOf(Error);
    await expect(call('showCluster', { clusterId })).rejects.toMatchObject({ status: 404 });
    // Waiting for a deleted cluster to run fails at once: it is gone.
    await expect(wait('clusterRunning', { clusterId }, QUICK)).rejects.toMatchObject({
      name: 'SkeWaitFailedError',
      reason: 'not-found',
    });
  });

  it('waits for a new nodepool to run, then for it to be gone', async () => {
    const document = await loadDocument(version as never, 'dereferenced');
    const body = bodyExample(document, table.createNodepool as OperationSpec) as Record<string, unknown>;
    const created = await call('createNodepool', { body: { ...body, name: 'waited-pool' } });
    const nodepoolId = (created.data.nodepool as { id: string }).id;
    const running = await wait('nodepoolRunning', { nodepoolId }, QUICK);
    expect((running?.data.nodepool as { status?: string } | undefined)?.status).toBe('Running');
    await call('deleteNodepool', { nodepoolId });
    await wait('nodepoolDeleted', { nodepoolId }, QUICK);
    await expect(call('showNodepool', { nodepoolId })).rejects.toMatchObject({ status: 404 });
  });

  it('rejects with SkeWaitTimeoutError when the status does not come in time', async () => {
    const document = await loadDocument(version as never, 'dereferenced');
    const body = bodyExample(document, table.createCluster as OperationSpec) as Record<string, unknown>;
    const created = await call('createCluster', { body: { ...body, name: 'slow-cluster' } });
    const clusterId = created.data.resource_id as string;
    // The poll schedule's first wait (1 s) is longer than the whole wait (60 ms).
    await expect(wait('clusterRunning', { clusterId }, { initialDelayMs: 1000, timeoutMs: 60 })).rejects.toMatchObject({
      name: 'SkeWaitTimeoutError',
      code: 'ERR_SKE_WAIT_TIMEOUT',
      timeoutMs: 60,
    });
  });
});
