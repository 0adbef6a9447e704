import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CA_CERTIFICATE_PEM } from '../ca-certificate.js';
import { type Emulator, startEmulator } from '../emulator.js';
import { type ClusterFixture, DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from '../fixtures.js';
import { adminToken, userToken } from '../kubeconfig.js';
import { conformanceProblems } from '../testing/conformance.js';
import { firstError, signedCaller } from '../testing/signed-call.js';

const [key1, key2] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const [demo, privateOnly, restricted] = DEFAULT_CLUSTERS as [ClusterFixture, ClusterFixture, ClusterFixture];
const PATH = '/v1/clusters/{cluster_id}/kubeconfig';
/** Another key allowed the admin action, to show the admin identity does not depend on the caller. */
const operator = {
  accessKey: 'OPERATORKEY',
  secretKey: 'operator-secret',
  actions: ['ske:CreateClusterAdminKubeconfig'],
};

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [...DEMO_CREDENTIALS, operator],
    clusters: DEFAULT_CLUSTERS.map((cluster) =>
      cluster.id === demo.id ? { ...cluster, accessKeys: [...cluster.accessKeys, operator.accessKey] } : cluster,
    ),
  });
});
afterAll(() => emulator.close());
const call = signedCaller(() => emulator);
const pathOf = (clusterId: string, type = 'private') => `/v1/clusters/${clusterId}/kubeconfig?kubeconfig_type=${type}`;

function load(body: string) {
  const config = new KubeConfig();
  config.loadFromString(body);
  return config;
}

describe('createClusterKubeconfig', () => {
  it("answers the cluster's admin kubeconfig, which loads in @kubernetes/client-node with the admin user", async () => {
    const { response, body } = await call(pathOf(demo.id));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/yaml');
    expect(await conformanceProblems('1.3', 200, 'application/yaml', body, PATH)).toEqual([]);
    const config = load(body);
    expect(config.getCurrentUser()).toMatchObject({ name: 'demo-cluster-admin', token: adminToken(demo.id) });
    expect(config.getCurrentContext()).toBe('demo-cluster-admin');
    expect(config.getCurrentCluster()).toMatchObject({ name: 'demo-cluster', server: demo.endpoints.private });
    expect(Buffer.from(config.getCurrentCluster()?.caData ?? '', 'base64').toString()).toBe(CA_CERTIFICATE_PEM);
    expect(config.getCurrentUser()?.token).not.toBe(userToken(key1.accessKey, demo.id));
  });

  it('loads in kubectl', async () => {
    const { body } = await call(pathOf(demo.id, 'public'));
    const file = join(mkdtempSync(join(tmpdir(), 'emulator-admin-kubeconfig-')), 'config');
    writeFileSync(file, body, { mode: 0o600 });
    const view = JSON.parse(
      execFileSync('kubectl', ['config', 'view', '--kubeconfig', file, '--raw', '-o', 'json'], { encoding: 'utf8' }),
    );
    expect(view['current-context']).toBe('demo-cluster-admin');
    expect(view.users[0]).toEqual({ name: 'demo-cluster-admin', user: { token: adminToken(demo.id) } });
    expect(view.clusters[0].cluster.server).toBe(demo.endpoints.public);
  });

  it('gives every allowed caller the same admin identity', async () => {
    const first = await call(pathOf(demo.id));
    const second = await call(pathOf(demo.id), { credentials: operator });
    expect(second.response.status).toBe(200);
    expect(second.body).toBe(first.body);
  });

  it('is forbidden to demo key 2, whose actions lack ske:CreateClusterAdminKubeconfig, and allowed to key 1', async () => {
    const { response, body } = await call(pathOf(demo.id), { credentials: key2 });
    expect(response.status).toBe(403);
    expect(firstError(body)).toMatchObject({
      code: 'Forbidden',
      detail: ['This access key may not use ske:CreateClusterAdminKubeconfig.'],
    });
    expect(await conformanceProblems('1.3', 403, 'application/json', body, PATH)).toEqual([]);
    expect((await call(pathOf(demo.id), { credentials: key1 })).response.status).toBe(200);
    expect(
      (await call(`/v1/clusters/${demo.id}/user-kubeconfig?kubeconfig_type=private`, { credentials: key2 })).response
        .status,
    ).toBe(200);
  });

  it.each([
    ['public on the private-only cluster', pathOf(privateOnly.id, 'public'), 400, 'ValidationError'],
    ['an unknown kubeconfig_type', pathOf(demo.id, 'internal'), 400, 'ValidationError'],
    ['a missing kubeconfig_type', `/v1/clusters/${demo.id}/kubeconfig`, 400, 'ValidationError'],
    ['an unknown cluster', pathOf('0123456789abcdef0123456789abcdef'), 404, 'NotFound'],
    ['a cluster the key may not see', pathOf(restricted.id), 403, 'Forbidden'],
  ])('answers %s with %i', async (_name, path, status, code) => {
    const { response, body } = await call(path);
    expect(response.status).toBe(status);
    expect(firstError(body)).toMatchObject({ code, status });
    expect(await conformanceProblems('1.3', status, 'application/json', body, PATH)).toEqual([]);
  });
});
