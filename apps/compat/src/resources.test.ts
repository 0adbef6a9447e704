import { SkeApiError } from '@scp-ske/client';
import { OPERATIONS } from '@scp-ske/client-1.3';
import { loadDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { catalogOf } from './operations.js';
import {
  createdId,
  createOwn,
  inputFor,
  POLL_LIMIT,
  type ResourceOperations,
  removeOwn,
  resourceOperations,
  settle,
} from './resources.js';
import type { CompatClient } from './scenarios.js';

const catalog = catalogOf(OPERATIONS, await loadDocument('1.3', 'dereferenced'));
const clusters = resourceOperations(catalog, 'cluster') as ResourceOperations;
const nodepools = resourceOperations(catalog, 'nodepool') as ResourceOperations;

/**
 * A client of a tiny SKE: clusters whose status moves one step per look (the statuses in `statuses`,
 * the last one kept), deleted after `deleteLooks` looks. Records the calls.
 */
function fakeSke(statuses: string[] = ['CREATING', 'RUNNING'], deleteLooks = 2) {
  const calls: string[] = [];
  const clusters = new Map<string, { looks: number; statuses: string[]; body: object }>();
  let next = 0;
  const notFound = () =>
    new SkeApiError({ status: 404, code: 'NotFound', title: 'Not Found', detail: [], apiVersion: 'ske 1.3' } as never);
  const api = {
    apiVersion: 'ske 1.3',
    async createCluster({ body }: { body: object }) {
      const id = `c${++next}`;
      calls.push(`create ${id}`);
      clusters.set(id, { looks: 0, statuses, body });
      return { status: 202, data: { resource_id: id } };
    },
    async showCluster({ clusterId }: { clusterId: string }) {
      const cluster = clusters.get(clusterId);
      calls.push(`show ${clusterId}`);
      if (!cluster) throw notFound();
      const status = cluster.statuses[Math.min(cluster.looks, cluster.statuses.length - 1)];
      cluster.looks += 1;
      if (status === 'GONE') {
        clusters.delete(clusterId);
        throw notFound();
      }
      return { status: 200, data: { cluster: { id: clusterId, status, ...cluster.body } } };
    },
    async deleteCluster({ clusterId }: { clusterId: string }) {
      calls.push(`delete ${clusterId}`);
      const cluster = clusters.get(clusterId);
      if (!cluster) throw notFound();
      clusters.set(clusterId, { ...cluster, looks: 0, statuses: [...Array(deleteLooks).fill('DELETING'), 'GONE'] });
      return { status: 202, data: { resource_id: clusterId } };
    },
  };
  return { api: api as unknown as CompatClient, calls, clusters };
}

describe('the resources a scenario changes', () => {
  it('are found from the spec: what creates, shows and deletes each kind', () => {
    expect([clusters.create.id, clusters.show.id, clusters.remove.id]).toEqual([
      'createCluster',
      'showCluster',
      'deleteCluster',
    ]);
    expect([nodepools.create.id, nodepools.show.id, nodepools.remove.id]).toEqual([
      'createNodepool',
      'showNodepool',
      'deleteNodepool',
    ]);
    expect(resourceOperations(catalog, 'volume')).toBeUndefined();
  });

  it('are named by the id a create answer gives, and by the path parameter of the operation', () => {
    expect(createdId({ resource_id: 'a' }, 'cluster')).toBe('a');
    expect(createdId({ nodepool: { id: 'b' } }, 'nodepool')).toBe('b');
    expect(createdId({}, 'nodepool')).toBeUndefined();
    const setNodepool = catalog.find((one) => one.id === 'setNodepool');
    expect(inputFor(setNodepool as never, nodepools.show, 'np', { body: {} })).toEqual({ body: {}, nodepoolId: 'np' });
    expect(() => inputFor(clusters.create, clusters.show, 'c1')).toThrow(
      /createCluster has no path parameter cluster_id/,
    );
  });

  it('are created with the example body, settled, then deleted until gone', async () => {
    const { api, calls, clusters: state } = fakeSke(['CREATING', 'CREATING', 'RUNNING']);
    const id = await createOwn(api, clusters, { name: 'own' });
    expect(id).toBe('c1');
    expect(state.get('c1')?.body).toMatchObject({ name: 'own', kubernetes_version: 'v1.29.8' });
    expect(calls).toEqual(['create c1', 'show c1', 'show c1', 'show c1']);
    await removeOwn(api, clusters, id);
    expect(calls.slice(4)).toEqual(['show c1', 'show c1', 'delete c1', 'show c1', 'show c1', 'show c1']);
    expect(state.has('c1')).toBe(false);
    // Already gone: nothing to do.
    await removeOwn(api, clusters, id);
    expect(calls.at(-1)).toBe('show c1');
  });

  it('wait for one a scenario is deleting already, without deleting it again', async () => {
    const { api, calls } = fakeSke(['RUNNING'], 3);
    const id = await createOwn(api, clusters);
    await (api as unknown as { deleteCluster(input: object): Promise<unknown> }).deleteCluster({ clusterId: id });
    calls.length = 0;
    await removeOwn(api, clusters, id);
    expect(calls).toEqual(['show c1', 'show c1', 'show c1', 'show c1']);
  });

  it('fail a status the change does not go through, and a status that never settles, boundedly', async () => {
    const erring = fakeSke(['CREATING', 'ERROR']);
    await expect(createOwn(erring.api, clusters)).rejects.toThrow('cluster turned ERROR (expected CREATING → RUNNING)');
    const stuck = fakeSke(['CREATING']);
    await expect(createOwn(stuck.api, clusters)).rejects.toThrow(
      `cluster stayed CREATING (not RUNNING after ${POLL_LIMIT} looks)`,
    );
    expect(stuck.calls.filter((call) => call === 'show c1')).toHaveLength(POLL_LIMIT);
    // A teardown waits through any status.
    const lenient = fakeSke(['CREATING', 'ERROR', 'RUNNING']);
    await createOwn(lenient.api, clusters).catch(() => undefined);
    await expect(
      settle(lenient.api, clusters, 'c1', { during: 'CREATING', settles: 'RUNNING' }, true),
    ).resolves.toMatchObject({ status: 'RUNNING' });
  });
});
