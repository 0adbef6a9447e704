import { KubeConfig } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CA_CERTIFICATE_PEM } from './ca-certificate.js';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from './fixtures.js';
import { adminToken, buildAdminKubeconfig, buildKubeconfig, userToken } from './kubeconfig.js';

const [fixture] = DEFAULT_CLUSTERS as [(typeof DEFAULT_CLUSTERS)[0]];
const [first, second] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];
const server = fixture.endpoints.private;

function load(body: string) {
  const config = new KubeConfig();
  config.loadFromString(body);
  return config;
}

describe('buildKubeconfig', () => {
  it("carries the caller's identity: a token per access key and cluster", () => {
    const config = load(buildKubeconfig(fixture, server, first.accessKey));
    expect(config.getCurrentUser()).toMatchObject({
      name: 'demo-cluster-user',
      token: userToken(first.accessKey, fixture.id),
    });
    expect(config.getCurrentContext()).toBe('demo-cluster');
    expect(userToken(first.accessKey, fixture.id)).not.toBe(userToken(second.accessKey, fixture.id));
  });
});

describe('buildAdminKubeconfig', () => {
  it("carries the cluster's admin identity, with the emulator's CA", () => {
    const config = load(buildAdminKubeconfig(fixture, server));
    expect(config.getCurrentUser()).toMatchObject({ name: 'demo-cluster-admin', token: adminToken(fixture.id) });
    expect(config.getCurrentContext()).toBe('demo-cluster-admin');
    expect(config.getCurrentCluster()).toMatchObject({ name: 'demo-cluster', server });
    expect(Buffer.from(config.getCurrentCluster()?.caData ?? '', 'base64').toString()).toBe(CA_CERTIFICATE_PEM);
  });

  it('derives the admin token from the cluster alone, never from an access key', () => {
    const token = adminToken(fixture.id);
    expect(token).toMatch(/^ske-admin-[0-9a-f]{48}$/);
    expect(adminToken(fixture.id)).toBe(token);
    expect(adminToken('ab'.repeat(16))).not.toBe(token);
    for (const { accessKey } of DEMO_CREDENTIALS)
      expect(token).not.toContain(userToken(accessKey, fixture.id).slice(4));
  });
});
