import { describe, expect, it } from 'vitest';
import { createVersionedClient } from './client.js';
import { ResponseFormatError } from './errors.js';
import type { OperationTable } from './operation.js';
import {
  AmbiguousClusterError,
  AmbiguousNodepoolError,
  type ClusterLister,
  ClusterNotFoundError,
  type NodepoolLister,
  NodepoolNotFoundError,
  resolveCluster,
  resolveNodepool,
} from './resolve.js';
import { contract, TODAY, useOwnServers } from './test-support.js';

const paging = [
  { key: 'size', name: 'size', in: 'query', schema: { type: ['integer', 'null'] } },
  { key: 'page', name: 'page', in: 'query', schema: { type: ['integer', 'null'] } },
] as const;
const TABLE = {
  listClusters: {
    method: 'GET',
    path: '/v1/clusters',
    parameters: [
      ...paging,
      { key: 'name', name: 'name', in: 'query', schema: { type: ['string', 'null'], pattern: '^[a-z0-9\\-]*$' } },
    ],
    success: { status: 200, contentType: 'application/json' },
    pagination: { items: 'clusters' },
  },
  listNodepools: {
    method: 'GET',
    path: '/v1/clusters/{cluster_id}/nodepools',
    parameters: [
      { key: 'clusterId', name: 'cluster_id', in: 'path', required: true, schema: { type: 'string' } },
      ...paging,
    ],
    success: { status: 200, contentType: 'application/json' },
    pagination: { items: 'nodepools' },
  },
} as const satisfies OperationTable;

const id = (digit: string) => digit.repeat(32);
const CLUSTERS = [
  { id: id('a'), name: 'prod', status: 'RUNNING', kubernetes_version: 'v1.30.4' },
  { id: id('b'), name: 'twin', status: 'RUNNING' },
  { id: id('c'), name: 'twin', status: 'CREATING' },
  { id: id('d'), name: 'staging-eu' },
  { id: id('e'), name: 'staging-us' },
];
const NODEPOOLS = [
  { id: 'p-1', name: 'default' },
  { id: 'p-2', name: 'gpu' },
  { id: 'p-3', name: 'gpu' },
];

const serve = useOwnServers();

/** A service that filters clusters by name (contains) and pages by 2. */
async function client(
  clusters: { id: string; name: string; status?: unknown; kubernetes_version?: string }[] = CLUSTERS,
) {
  const server = await serve((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const page = Number(url.searchParams.get('page') ?? 0);
    const name = url.searchParams.get('name') ?? '';
    const all =
      url.pathname === '/v1/clusters' ? clusters.filter((cluster) => String(cluster?.name).includes(name)) : NODEPOOLS;
    const key = url.pathname === '/v1/clusters' ? 'clusters' : 'nodepools';
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ [key]: all.slice(page * 2, page * 2 + 2), count: all.length }));
  });
  const made = createVersionedClient<ClusterLister & NodepoolLister>(contract(), TABLE, {
    endpoint: server.url,
    credentials: { accessKey: 'AK', secretKey: 'SK' },
    now: () => TODAY,
  });
  return { made, requests: server.requests };
}

describe('resolveCluster', () => {
  it('takes an id as it is, without a request', async () => {
    const { made, requests } = await client();
    await expect(resolveCluster(made, id('f'))).resolves.toEqual({ id: id('f') });
    expect(requests).toHaveLength(0);
  });

  it('finds the one cluster of that exact name, over every page', async () => {
    const { made } = await client([...CLUSTERS, { id: id('9'), name: 'last' }]);
    await expect(resolveCluster(made, 'prod')).resolves.toEqual({ id: id('a'), name: 'prod' });
    await expect(resolveCluster(made, 'last')).resolves.toEqual({ id: id('9'), name: 'last' });
  });

  it('refuses a name two clusters have, listing them with their ids', async () => {
    const { made } = await client();
    const resolving = resolveCluster(made, 'twin', { how: '--cluster' });
    await expect(resolving).rejects.toBeInstanceOf(AmbiguousClusterError);
    await expect(resolving).rejects.toMatchObject({
      code: 'ERR_SKE_CLUSTER_AMBIGUOUS',
      candidates: [
        { id: id('b'), name: 'twin' },
        { id: id('c'), name: 'twin' },
      ],
    });
    await expect(resolving).rejects.toThrow(/pass the id of the one you mean to --cluster/);
  });

  it('suggests the clusters whose names contain the name, else every visible one when few', async () => {
    const { made } = await client();
    const similar = resolveCluster(made, 'staging');
    await expect(similar).rejects.toBeInstanceOf(ClusterNotFoundError);
    await expect(similar).rejects.toMatchObject({
      code: 'ERR_SKE_CLUSTER_NOT_FOUND',
      similar: true,
      candidates: [{ name: 'staging-eu' }, { name: 'staging-us' }],
    });
    await expect(resolveCluster(made, 'nothing-like-it')).rejects.toMatchObject({
      similar: false,
      visible: 5,
      candidates: CLUSTERS.map(({ id }) => expect.objectContaining({ id })),
    });
  });

  it('compares a name the filter refuses with every cluster, and quotes it escaped', async () => {
    const { made } = await client();
    const odd = 'Prod\u001b[31m';
    const resolving = resolveCluster(made, odd);
    await expect(resolving).rejects.toMatchObject({ visible: 5 });
    await expect(resolving).rejects.toThrow('"Prod\\u001b[31m"');
    await expect(resolveCluster(made, '')).rejects.toMatchObject({ argument: 'nameOrId' });
  });

  it('refuses a listed cluster without a string id and name as a malformed answer, naming it', async () => {
    for (const bad of [{ id: id('9') }, { id: 9, name: 'nine' }, null, ['x']]) {
      const { made } = await client([CLUSTERS[0], bad] as never);
      // A name the filter refuses: every cluster is listed, the bad one too.
      await expect(resolveCluster(made, 'NINE')).rejects.toThrow(
        new ResponseFormatError('clusters[1] is not a cluster with a string "id" and "name"'),
      );
    }
  });

  it('says so when the key sees no cluster at all', async () => {
    const { made } = await client([]);
    await expect(resolveCluster(made, 'prod')).rejects.toMatchObject({ visible: 0, candidates: [] });
  });
});

describe('resolveNodepool', () => {
  it('finds a nodepool of the cluster by id or exact name, and refuses ambiguity and absence', async () => {
    const { made } = await client();
    await expect(resolveNodepool(made, id('a'), 'p-2')).resolves.toEqual({ id: 'p-2', name: 'gpu' });
    await expect(resolveNodepool(made, id('a'), 'default')).resolves.toEqual({ id: 'p-1', name: 'default' });
    await expect(resolveNodepool(made, id('a'), 'gpu')).rejects.toBeInstanceOf(AmbiguousNodepoolError);
    await expect(resolveNodepool(made, id('a'), 'gpu')).rejects.toMatchObject({ code: 'ERR_SKE_NODEPOOL_AMBIGUOUS' });
    const missing = resolveNodepool(made, id('a'), 'cpu');
    await expect(missing).rejects.toBeInstanceOf(NodepoolNotFoundError);
    await expect(missing).rejects.toMatchObject({ code: 'ERR_SKE_NODEPOOL_NOT_FOUND', visible: 3 });
  });
});

describe('the messages', () => {
  it('list the candidates aligned: name, id, status and version where known', async () => {
    const { made } = await client();
    await expect(resolveCluster(made, 'staging')).rejects.toThrow(
      `no cluster named "staging" is visible to this access key. Clusters whose names contain "staging":\n` +
        `  staging-eu  ${id('d')}\n  staging-us  ${id('e')}\nPass one of these names or ids to resolveCluster.`,
    );
    await expect(resolveCluster(made, 'twin', { how: '--cluster' })).rejects.toThrow(
      `2 clusters are named "twin"; pass the id of the one you mean to --cluster:\n` +
        `  twin  ${id('b')}  RUNNING\n  twin  ${id('c')}  CREATING`,
    );
    await expect(resolveCluster(made, 'prod-x')).rejects.toThrow(
      `Clusters you can see:\n  prod        ${id('a')}  RUNNING  v1.30.4\n  twin        ${id('b')}  RUNNING\n`,
    );
  });

  it('say how many more there are past twenty, and how many are visible when none is listed', async () => {
    const many = Array.from({ length: 25 }, (_, index) => ({
      id: `${index}`.padStart(32, 'f'),
      name: `big-${index}`,
      status: 5,
    }));
    const { made } = await client(many);
    const crowded = resolveCluster(made, 'big', { listWith: '`scp-ske clusters list`' });
    await expect(crowded).rejects.toThrow('\n  … and 5 more (`scp-ske clusters list`)\nPass one of these');
    await expect(crowded).rejects.toMatchObject({
      candidates: expect.arrayContaining([
        { id: many[0]?.id, name: 'big-0', status: undefined, kubernetesVersion: undefined },
      ]),
    });
    await expect(resolveCluster(made, 'small')).rejects.toThrow(
      'no cluster named "small" is visible to this access key. 25 clusters are visible; listClusters lists their names.',
    );
  });

  it('say when the key sees none at all', async () => {
    const { made } = await client([]);
    await expect(resolveCluster(made, 'prod')).rejects.toThrow(
      'no cluster named "prod" is visible to this access key. This access key sees no cluster at all (check the region, and its ske:ListClusters permission).',
    );
  });

  it('name the nodepools the cluster has', async () => {
    const { made } = await client();
    const missing = resolveNodepool(made, id('a'), 'cpu');
    await expect(missing).rejects.toThrow(
      'no nodepool named "cpu" is visible to this access key. Nodepools you can see:\n  default  p-1\n  gpu      p-2\n  gpu      p-3\nPass one of these names or ids to resolveNodepool.',
    );
    await expect(missing).rejects.toMatchObject({ name: 'NodepoolNotFoundError', similar: false });
    await expect(resolveNodepool(made, id('a'), 'gpu')).rejects.toMatchObject({ name: 'AmbiguousNodepoolError' });
    await expect(resolveCluster(made, 'twin')).rejects.toMatchObject({ name: 'AmbiguousClusterError' });
    await expect(resolveCluster(made, 'zzz')).rejects.toMatchObject({ name: 'ClusterNotFoundError' });
    await expect(resolveNodepool(made, id('a'), '')).rejects.toMatchObject({ argument: 'nameOrId' });
  });
});
