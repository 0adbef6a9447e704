/**
 * Routing, Hono-style: each path reaches its own operation's handler and no other, the IAM action of
 * every operation is read from the spec, and the gateway's steps answer in their order.
 */
import { KubeConfig } from '@kubernetes/client-node';
import { loadDocument, type OpenApiDocument } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from './emulator.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from './fixtures.js';
import { adminToken, userToken } from './kubeconfig.js';
import { firstError, signedCaller } from './testing/signed-call.js';

const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const [demo] = DEFAULT_CLUSTERS as [ClusterFixture];
/** A key that may use no action at all. */
const powerless = { accessKey: 'NOACTIONSKEY', secretKey: 'no-actions-secret', actions: [] };

let emulator: Emulator;
let document: OpenApiDocument;
beforeAll(async () => {
  document = await loadDocument('1.3', 'dereferenced');
  emulator = await startEmulator({
    credentials: [...DEMO_CREDENTIALS, powerless],
    clusters: DEFAULT_CLUSTERS.map((cluster) => ({
      ...cluster,
      accessKeys: [...cluster.accessKeys, powerless.accessKey],
    })),
  });
});
afterAll(() => emulator.close());
const call = signedCaller(() => emulator);

const NODEPOOL = 'bdfda539-bd2e-4a5c-9021-ec6d52d1ca79';
/** One request per operation of the spec, each well-formed (`METHOD path`; a body where one is needed is not). */
const REQUESTS: Record<string, string> = {
  listClusters: 'GET /v1/clusters',
  createCluster: 'POST /v1/clusters',
  showCluster: `GET /v1/clusters/${demo.id}`,
  deleteCluster: `DELETE /v1/clusters/${demo.id}`,
  createClusterKubeconfig: `GET /v1/clusters/${demo.id}/kubeconfig?kubeconfig_type=private`,
  showClusterUserKubeconfig: `GET /v1/clusters/${demo.id}/user-kubeconfig?kubeconfig_type=private`,
  setClusterLogging: `PUT /v1/clusters/${demo.id}/logging`,
  setClusterPrivateAccessControl: `PUT /v1/clusters/${demo.id}/private-access-control`,
  setClusterPublicAccessControl: `PUT /v1/clusters/${demo.id}/public-access-control`,
  setClusterSecurityGroups: `PUT /v1/clusters/${demo.id}/security-groups`,
  setClusterServiceWatchLogging: `PUT /v1/clusters/${demo.id}/service-watch-logging`,
  setClusterUpgrade: `PUT /v1/clusters/${demo.id}/upgrade`,
  listNodepools: `GET /v1/clusters/${demo.id}/nodepools`,
  listKubernetesVersions: 'GET /v1/kubernetes-versions',
  createNodepool: 'POST /v1/nodepools',
  showNodepool: `GET /v1/nodepools/${NODEPOOL}`,
  setNodepool: `PUT /v1/nodepools/${NODEPOOL}`,
  deleteNodepool: `DELETE /v1/nodepools/${NODEPOOL}`,
  setNodepoolLabels: `PUT /v1/nodepools/${NODEPOOL}/labels`,
  listNodepoolNodes: `GET /v1/nodepools/${NODEPOOL}/nodes`,
  setNodepoolTaints: `PUT /v1/nodepools/${NODEPOOL}/taints`,
  setNodepoolUpgrade: `PUT /v1/nodepools/${NODEPOOL}/upgrade`,
};
const pathOf = (operationId: string) => (REQUESTS[operationId] as string).split(' ')[1] as string;
const methodOf = (operationId: string) => (REQUESTS[operationId] as string).split(' ')[0] as string;

function load(body: string) {
  const config = new KubeConfig();
  config.loadFromString(body);
  return config;
}

describe('a route never reaches another operation', () => {
  it('has a request here for every operation of the spec', () => {
    const operationIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((operation) => (operation as { operationId: string }).operationId),
    );
    expect(Object.keys(REQUESTS).sort()).toEqual(operationIds.sort());
  });

  it('answers /v1/clusters with a list', async () => {
    const { response, body } = await call(pathOf('listClusters'));
    expect(response.status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ clusters: [{ id: demo.id }, {}], count: 2 });
  });

  it('answers /v1/clusters/{id} with the cluster', async () => {
    const { response, body } = await call(pathOf('showCluster'));
    expect(response.status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ cluster: { id: demo.id, name: demo.name } });
  });

  it('answers /v1/clusters/{id}/kubeconfig with the admin identity, /user-kubeconfig with the user one', async () => {
    const admin = load((await call(pathOf('createClusterKubeconfig'))).body).getCurrentUser();
    const user = load((await call(pathOf('showClusterUserKubeconfig'))).body).getCurrentUser();
    expect(admin).toMatchObject({ name: `${demo.name}-admin`, token: adminToken(demo.id) });
    expect(user).toMatchObject({ name: `${demo.name}-user`, token: userToken(key1.accessKey, demo.id) });
  });

  it('answers a path no operation has with 404, and a method no operation has on a known path too', async () => {
    for (const [method, path] of [
      ['GET', '/v1/clusters/'],
      ['GET', `/v1/clusters/${demo.id}/kubeconfigs`],
      ['POST', `/v1/clusters/${demo.id}`],
      ['GET', `/v1/clusters/${demo.id}/logging`],
    ] as const) {
      const response = await fetch(`${emulator.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(firstError(await response.text()).code).toBe('NotFound');
    }
  });
});

describe('IAM actions, read from the spec', () => {
  it.each(Object.keys(REQUESTS))('answers %s with 403 to a key without its x-scp-action-id', async (operationId) => {
    const operation = Object.values(document.paths)
      .flatMap((item) => Object.values(item) as { operationId: string; 'x-scp-action-id': string }[])
      .find((candidate) => candidate.operationId === operationId);
    const { response, body } = await call(pathOf(operationId), {
      credentials: powerless,
      method: methodOf(operationId),
    });
    expect(response.status).toBe(403);
    expect(firstError(body)).toMatchObject({
      code: 'Forbidden',
      detail: [`This access key may not use ${operation?.['x-scp-action-id']}.`],
    });
  });

  it('checks the action after the version and before the parameters', async () => {
    const badType = `/v1/clusters/${demo.id}/kubeconfig?kubeconfig_type=internal`;
    expect((await call(badType, { credentials: key2 })).response.status).toBe(403);
    expect((await call(badType, { credentials: key1 })).response.status).toBe(400);
    expect((await call(badType, { credentials: key2, version: 'ske 9.9' })).response.status).toBe(406);
  });
});

describe('the route in the selected version', () => {
  it('answers 404 when the version asked for has no such operation, though another version has', async () => {
    const withoutList = structuredClone(document);
    delete withoutList.paths['/v1/clusters'];
    const partial = await startEmulator({ documents: { '1.3': withoutList } });
    try {
      const callPartial = signedCaller(() => partial);
      const missing = await callPartial('/v1/clusters', { version: 'ske 1.3' });
      expect(missing.response.status).toBe(404);
      expect(firstError(missing.body).detail).toEqual(['ske 1.3 has no GET /v1/clusters.']);
      expect((await callPartial('/v1/clusters', { version: 'ske 1.2' })).response.status).toBe(200);
    } finally {
      await partial.close();
    }
  });
});
