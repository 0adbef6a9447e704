/**
 * The lists beyond listClusters (list-clusters.test.ts), through the same generic handler
 * (`x-scp-pagination`): a cluster's nodepools and a nodepool's nodes, filtered by name, paged and
 * sorted; 404 / 403 for the resource the path names; empty filters (as SCP's SDK sends them) filter
 * nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulator.js';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { startOnTestClock } from '../testing/bodies.js';
import { conformanceProblems } from '../testing/conformance.js';
import { firstError, signedCaller } from '../testing/signed-call.js';

const [demo, privateOnly, restricted] = DEFAULT_CLUSTERS as [
  (typeof DEFAULT_CLUSTERS)[0],
  (typeof DEFAULT_CLUSTERS)[0],
  (typeof DEFAULT_CLUSTERS)[0],
];
const [, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const DEFAULT_POOL = 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79';

let emulator: Emulator;
beforeAll(async () => {
  ({ emulator } = await startOnTestClock());
});
afterAll(() => emulator.close());
const call = signedCaller(() => emulator);

async function list(path: string, template: string, options: Parameters<typeof call>[1] = {}) {
  const { response, body } = await call(path, options);
  expect(response.status, body).toBe(200);
  expect(await conformanceProblems('1.3', 200, 'application/json', body, template)).toEqual([]);
  return JSON.parse(body);
}
const nodepools = (query = '', clusterId = demo.id, options: Parameters<typeof call>[1] = {}) =>
  list(`/v1/clusters/${clusterId}/nodepools${query}`, '/v1/clusters/{cluster_id}/nodepools', options);
const nodes = (query = '', nodepoolId = DEFAULT_POOL) =>
  list(`/v1/nodepools/${nodepoolId}/nodes${query}`, '/v1/nodepools/{nodepool_id}/nodes');
const names = (items: { name: string }[]) => items.map((item) => item.name);

describe('listNodepools', () => {
  it("lists a cluster's nodepools as NodepoolSummary, with count and links", async () => {
    const page = await nodepools();
    expect(names(page.nodepools)).toEqual(['default-pool', 'gpu-pool']);
    expect(page).toMatchObject({ count: 2, links: [] });
    expect(page.nodepools[0]).toEqual({
      id: DEFAULT_POOL,
      name: 'default-pool',
      account_id: '6f0d6c2a1b9e4f7c8d3a2b1c0e9f8a7b',
      kubernetes_version: 'v1.29.8',
      status: 'Running',
      auto_recovery_enabled: true,
      auto_scale_enabled: false,
      current_node_count: 2,
      desired_node_count: 2,
      image: { os: 'ubuntu', os_version: '22.04', custom_image_name: null },
      server_type: { id: '10a599e031e749b7b260868f441e862b', description: 'Standard' },
      volume_type: { id: '20b599e031e749b7b260868f441e862b', name: 'SSD' },
    });
    expect(names((await nodepools('', privateOnly.id)).nodepools)).toEqual(['default-pool']);
    expect((await nodepools('', restricted.id, { credentials: key2 })).nodepools).toEqual([]);
  });

  it('filters by nodepool_name (a part of it), pages and sorts', async () => {
    expect(names((await nodepools('?nodepool_name=gpu')).nodepools)).toEqual(['gpu-pool']);
    expect(await nodepools('?nodepool_name=none')).toMatchObject({ nodepools: [], count: 0 });
    expect(await nodepools('?size=1&page=1')).toMatchObject({ nodepools: [{ name: 'gpu-pool' }], count: 2 });
    expect(names((await nodepools('?sort=name:desc')).nodepools)).toEqual(['gpu-pool', 'default-pool']);
    expect(names((await nodepools('?sort=no_such_field:desc')).nodepools)).toEqual(['default-pool', 'gpu-pool']);
  });

  it('answers 404 for an unknown cluster and 403 for one the key may not see', async () => {
    const unknown = await call(`/v1/clusters/${'0'.repeat(32)}/nodepools`);
    expect(unknown.response.status).toBe(404);
    expect(firstError(unknown.body).detail).toEqual([`No cluster has the id ${'0'.repeat(32)}.`]);
    const hidden = await call(`/v1/clusters/${restricted.id}/nodepools`);
    expect(hidden.response.status).toBe(403);
  });
});

describe('listNodepoolNodes', () => {
  it('lists the nodes, one per node of the nodepool, named after it, filtered by node_name and paged', async () => {
    const all = await nodes();
    expect(all.count).toBe(2);
    const [first, second] = names(all.nodes) as [string, string];
    expect(first).toMatch(/^default-pool-[0-9a-f]{10}-[a-z0-9]{5}$/);
    expect(second.slice(0, -5)).toBe(first.slice(0, -5));
    expect(names((await nodes(`?node_name=${second.slice(-5)}`)).nodes)).toEqual([second]);
    expect(await nodes('?size=1&page=1')).toMatchObject({ nodes: [{ name: second }], count: 2 });
    expect(names((await nodes('?sort=name:desc')).nodes)).toEqual([first, second].sort().reverse());
  });

  it('answers 404 for an unknown nodepool and 403 for one of a cluster the key may not see', async () => {
    expect((await call('/v1/nodepools/no-such-pool/nodes')).response.status).toBe(404);
    const hiddenPool = (await nodepools('', privateOnly.id)).nodepools[0].id;
    const { response, body } = await call(`/v1/nodepools/${hiddenPool}/nodes`, { credentials: key2 });
    expect(response.status).toBe(403);
    expect(firstError(body).detail).toEqual(['This access key may not read this nodepool.']);
  });
});

describe('empty filters', () => {
  it('filter nothing, as SCP\u2019s SDK sends unset ones (name=&subnet_id=&sort=)', async () => {
    const { response, body } = await call('/v1/clusters?sort=&name=&subnet_id=&size=0');
    expect(response.status).toBe(200);
    expect(JSON.parse(body).count).toBe(2);
  });
});
