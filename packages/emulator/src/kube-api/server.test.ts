import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type Emulator, startEmulator } from '../emulator.js';
import { DEMO_CREDENTIALS } from '../fixtures.js';
import { adminToken, userToken } from '../kubeconfig.js';
import { signedCaller } from '../testing/signed-call.js';

const DEMO = '70a599e031e749b7b260868f441e862b';
const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[1]];

let emulator: Emulator;
let ca: string;
const call = signedCaller(() => emulator);
beforeAll(async () => {
  emulator = await startEmulator({ kubeApi: true, credentials: DEMO_CREDENTIALS.map((entry) => ({ ...entry })) });
  const answer = await call(`/v1/clusters/${DEMO}/user-kubeconfig?kubeconfig_type=private`);
  const kubeconfig = parse(answer.body);
  expect(kubeconfig.clusters[0].cluster.server).toBe(emulator.kubeApiUrl);
  ca = Buffer.from(kubeconfig.clusters[0].cluster['certificate-authority-data'], 'base64').toString('utf8');
});
afterAll(() => emulator.close());

/** A request to the Kubernetes API, trusting the CA of the emulator's kubeconfigs only. */
function kube(path: string, token: string | undefined, method = 'GET', accept = 'application/json') {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const url = new URL(path, emulator.kubeApiUrl);
    const headers: Record<string, string> = { accept, ...(token && { authorization: `Bearer ${token}` }) };
    const call = request(url, { method, headers, ca }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    call.on('error', reject);
    call.end(method === 'POST' ? '{}' : undefined);
  });
}

describe('the Kubernetes API', () => {
  it('answers discovery, namespaces and nodes to a user token, over TLS its kubeconfigs trust', async () => {
    const token = userToken(key1.accessKey, DEMO);
    expect((await kube('/version', token)).body).toMatchObject({ major: '1', minor: '29', gitVersion: 'v1.29.8' });
    expect((await kube('/api', token)).body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    expect((await kube('/api/v1', token)).body.resources).toHaveLength(2);
    const namespaces = await kube('/api/v1/namespaces', token);
    expect(namespaces.body).toMatchObject({ kind: 'NamespaceList' });
    const nodes = (await kube('/api/v1/nodes', token)).body.items as { metadata: { name: string } }[];
    const demo = emulator.clusters.find((cluster) => cluster.id === DEMO);
    expect(nodes).toHaveLength((demo?.nodepools ?? []).reduce((sum, pool) => sum + (pool.nodeCount ?? 0), 0));
    const table = await kube('/api/v1/nodes', token, 'GET', 'application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(table.body).toMatchObject({ kind: 'Table', rows: expect.any(Array) });
    expect((await kube('/api/v1/namespaces/nope', token)).status).toBe(404);
    expect((await kube('/openapi/v2', token)).status).toBe(404);
  });

  it('tells the user from the admin (SelfSubjectReview)', async () => {
    const review = (token: string) =>
      kube('/apis/authentication.k8s.io/v1/selfsubjectreviews', token, 'POST').then((answer) => answer.body);
    expect(await review(userToken(key2.accessKey, DEMO))).toMatchObject({
      status: { userInfo: { username: key2.accessKey } },
    });
    expect(await review(adminToken(DEMO))).toMatchObject({
      status: { userInfo: { username: 'ske-admin', groups: ['system:masters', 'system:authenticated'] } },
    });
  });

  it('answers 401 with a Status to no token, an unknown one, or one of a revoked access key; the API refuses the key too', async () => {
    for (const token of [undefined, 'ske-not-a-token']) {
      expect(await kube('/api/v1/namespaces', token)).toEqual({
        status: 401,
        body: expect.objectContaining({ kind: 'Status', code: 401, reason: 'Unauthorized' }),
      });
    }
    const token = userToken(key2.accessKey, DEMO);
    expect((await kube('/api/v1/namespaces', token)).status).toBe(200);
    expect(emulator.revokeAccessKey(key2.accessKey)).toBe(true);
    expect(emulator.revokeAccessKey(key2.accessKey)).toBe(false);
    expect((await kube('/api/v1/namespaces', token)).status).toBe(401);
    expect(emulator.credentials.map((entry) => entry.accessKey)).not.toContain(key2.accessKey);
    const refused = await call('/v1/clusters', { credentials: key2 });
    expect(refused.response.status).toBe(401);
  });
});
