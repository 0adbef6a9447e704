import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../emulator.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { conformanceProblems } from '../testing/conformance.js';
import { firstError, signedCaller } from '../testing/signed-call.js';

const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const [demo, privateOnly, restricted] = DEFAULT_CLUSTERS as [ClusterFixture, ClusterFixture, ClusterFixture];

/** Five clusters of one key, created a day apart: alpha-0 … alpha-4, even ones RUNNING. */
const PAGED: ClusterFixture[] = Array.from({ length: 5 }, (_, index) => ({
  id: `${index}`.repeat(32),
  name: `alpha-${index}`,
  endpoints: { private: `https://alpha-${index}.example:6443` },
  accessKeys: [key1.accessKey],
  status: index % 2 === 0 ? 'RUNNING' : 'ERROR',
  createdAt: `2025-04-0${index + 1} 00:00:00+00:00`,
}));

let emulator: Emulator;
let paged: Emulator;
beforeAll(async () => {
  [emulator, paged] = await Promise.all([startEmulator(), startEmulator({ clusters: PAGED })]);
});
afterAll(() => Promise.all([emulator.close(), paged.close()]));

const call = signedCaller(() => emulator);
const callPaged = signedCaller(() => paged);

async function list(query: string, options: Parameters<typeof call>[1] = {}, caller = call) {
  const { response, body } = await caller(`/v1/clusters${query}`, options);
  expect(response.status, body).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/json');
  expect(await conformanceProblems('1.3', 200, 'application/json', body, '/v1/clusters')).toEqual([]);
  return JSON.parse(body) as { clusters: { id: string; name: string }[]; count: number; links: unknown[] };
}
const ids = (page: { clusters: { id: string }[] }) => page.clusters.map((cluster) => cluster.id);

describe('listClusters', () => {
  it('lists only the clusters the key may see, as ClusterSummary, with count and links', async () => {
    const page = await list('');
    expect(ids(page)).toEqual([demo.id, privateOnly.id]);
    expect(page.count).toBe(2);
    expect(page.links).toEqual([]);
    expect(page.clusters[0]).toMatchObject({
      id: demo.id,
      name: 'demo-cluster',
      status: 'RUNNING',
      kubernetes_version: 'v1.29.8',
      node_count: 3,
      account_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      subnet_id: emulator.clusters[0]?.subnet.id,
    });
    expect(ids(await list('', { credentials: key2 }))).toEqual([demo.id, restricted.id]);
  });

  it('filters by status: one value, or repeated keys (any of them)', async () => {
    expect(ids(await list('?status=CREATING', { credentials: key2 }))).toEqual([restricted.id]);
    const both = await list('?status=RUNNING&status=CREATING', { credentials: key2 });
    expect(ids(both)).toEqual([demo.id, restricted.id]);
    expect((await list('?status=DELETING')).count).toBe(0);
  });

  it('filters by kubernetes_version, name (a substring), subnet_id, and all of them at once', async () => {
    expect(ids(await list('?kubernetes_version=v1.30.4'))).toEqual([privateOnly.id]);
    expect(ids(await list('?kubernetes_version=v1.30.4&kubernetes_version=v1.29.8'))).toHaveLength(2);
    expect(ids(await list('?name=only'))).toEqual([privateOnly.id]);
    const subnet = emulator.clusters[0]?.subnet.id as string;
    expect(ids(await list(`?subnet_id=${subnet}`))).toEqual([demo.id]);
    expect(ids(await list(`?name=cluster&status=RUNNING&kubernetes_version=v1.29.8&subnet_id=${subnet}`))).toEqual([
      demo.id,
    ]);
  });

  it('pages from 0 with an integer size, counting every match', async () => {
    const second = await list('?size=2&page=1', {}, callPaged);
    expect(second.clusters.map((cluster) => cluster.name)).toEqual(['alpha-2', 'alpha-3']);
    expect(second.count).toBe(5);
    expect((await list('?size=2&page=2', {}, callPaged)).clusters.map((cluster) => cluster.name)).toEqual(['alpha-4']);
    expect((await list('?size=2', {}, callPaged)).clusters).toHaveLength(2);
    expect(await list('?size=0', {}, callPaged)).toMatchObject({ clusters: [], count: 5 });
    expect((await list('?page=3', {}, callPaged)).clusters).toHaveLength(5);
    const running = await list('?status=RUNNING&size=1&page=1', {}, callPaged);
    expect(running).toMatchObject({ clusters: [{ name: 'alpha-2' }], count: 3 });
  });

  it('sorts by a summary field', async () => {
    const newest = await list('?sort=created_at:desc&size=2', {}, callPaged);
    expect(newest.clusters.map((cluster) => cluster.name)).toEqual(['alpha-4', 'alpha-3']);
  });

  it.each([
    ['?size=-1', 'size (query) must be >= 0.'],
    ['?size=abc', 'size (query) must be integer,null.'],
    ['?page=1.5', 'page (query) must be integer,null.'],
    ['?name=Bad_Name', 'name (query) must match ^[a-z0-9\\-]*$.'],
  ])('answers %s with 400 naming the parameter', async (query, detail) => {
    const { response, body } = await call(`/v1/clusters${query}`);
    expect(response.status).toBe(400);
    expect(firstError(body)).toMatchObject({ code: 'ValidationError', detail: [detail] });
    expect(await conformanceProblems('1.3', 400, 'application/json', body, '/v1/clusters')).toEqual([]);
  });

  it('answers every served version', async () => {
    for (const version of ['ske 1.1', 'ske 1.2', 'ske 1.3']) expect((await list('', { version })).count).toBe(2);
  });
});
