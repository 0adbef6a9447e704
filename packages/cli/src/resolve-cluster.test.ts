/** listAll pages through a service that pages by default; resolveCluster's answers for each case. */
import { describe, expect, it } from 'vitest';
import type { Client } from './connection.js';
import { AmbiguousClusterError, ClusterNotFoundError, listAll, resolveCluster } from './resolve-cluster.js';

const summary = (index: number, name = `cluster-${index}`) => ({
  id: index.toString(16).padStart(32, '0'),
  name,
  account_id: 'a',
  kubernetes_version: 'v1.29.8',
  status: 'RUNNING',
  created_at: '2025-03-31 00:23:17+00:00',
  modified_at: '2025-03-31 00:23:17+00:00',
});

/** A service that answers 3 clusters per page unless asked for another size, as SCP may. */
function pagingClient(clusters: ReturnType<typeof summary>[]) {
  const calls: Record<string, unknown>[] = [];
  const client = {
    listClusters: async (input: { size?: number; page?: number; name?: string } = {}) => {
      calls.push(input);
      const matching = clusters.filter((cluster) => input.name === undefined || cluster.name.includes(input.name));
      const size = input.size ?? 3;
      const start = size * (input.page ?? 0);
      return {
        data: { clusters: matching.slice(start, start + size), count: matching.length, links: [] },
        status: 200,
        requestId: undefined,
        apiVersion: 'ske 1.3',
      };
    },
  } as unknown as Client;
  return { client, calls };
}

describe('listAll', () => {
  it('asks for the next pages with the first page’s size until it has count clusters', async () => {
    const { client, calls } = pagingClient(Array.from({ length: 8 }, (_, index) => summary(index)));
    const data = await listAll(client, { status: ['RUNNING'] });
    expect(data.clusters.map((cluster) => cluster.name)).toEqual(
      Array.from({ length: 8 }, (_, index) => `cluster-${index}`),
    );
    expect(data.count).toBe(8);
    expect(calls).toEqual([
      { status: ['RUNNING'] },
      { status: ['RUNNING'], size: 3, page: 1 },
      { status: ['RUNNING'], size: 3, page: 2 },
    ]);
  });

  it('stops at a page with nothing new, whatever count says', async () => {
    const { client, calls } = pagingClient([summary(1), summary(2)]);
    const stubborn = {
      listClusters: async (input: object) => ({
        ...(await client.listClusters(input)),
        data: { clusters: [summary(1)], count: 5 },
      }),
    } as unknown as Client;
    expect((await listAll(stubborn, {})).clusters).toHaveLength(1);
    expect(calls).toHaveLength(2);
  });
});

describe('resolveCluster', () => {
  const clusters = [summary(1, 'web'), summary(2, 'twin'), summary(3, 'twin'), summary(4, 'web-staging')];

  it('finds one cluster by exact name, across pages', async () => {
    const many = [...Array.from({ length: 7 }, (_, index) => summary(index + 10, `web-${index}`)), summary(99, 'web')];
    const { client } = pagingClient(many);
    expect(await resolveCluster(client, '1.3', 'web', '--cluster')).toEqual({ id: summary(99).id, name: 'web' });
  });

  it('takes a 32-hex value as an id without a request', async () => {
    const { client, calls } = pagingClient(clusters);
    expect(await resolveCluster(client, '1.3', summary(5).id, '--cluster')).toEqual({ id: summary(5).id });
    expect(calls).toEqual([]);
  });

  it('refuses a name two clusters have, listing both', async () => {
    const { client } = pagingClient(clusters);
    const error = await resolveCluster(client, '1.3', 'twin', '--cluster').catch((caught) => caught);
    expect(error).toBeInstanceOf(AmbiguousClusterError);
    expect(error.candidates.map((candidate: { id: string }) => candidate.id)).toEqual([summary(2).id, summary(3).id]);
  });

  it('lists every cluster for a value the name filter refuses, and suggests names that contain it in any case', async () => {
    const { client, calls } = pagingClient(clusters);
    const error = await resolveCluster(client, '1.3', 'WEB', '--cluster').catch((caught) => caught);
    expect(calls).toEqual([{}, { size: 3, page: 1 }]);
    expect(error).toBeInstanceOf(ClusterNotFoundError);
    expect(error.candidates.map((candidate: { name: string }) => candidate.name)).toEqual(['web', 'web-staging']);
    expect(error.message).toContain('Clusters whose names contain "WEB"');
  });

  it('does not list every cluster when there are many and none is similar', async () => {
    const { client } = pagingClient(Array.from({ length: 12 }, (_, index) => summary(index)));
    const error = await resolveCluster(client, '1.3', 'prod', '--cluster').catch((caught) => caught);
    expect(error.candidates).toEqual([]);
    expect(error.message).toContain('12 clusters are visible; run `scp-ske clusters list` to see their names.');
  });

  it('says so when the key sees no cluster at all', async () => {
    const { client } = pagingClient([]);
    const error = await resolveCluster(client, '1.3', 'prod', '--cluster').catch((caught) => caught);
    expect(error.message).toContain('This access key sees no cluster at all');
  });
});
