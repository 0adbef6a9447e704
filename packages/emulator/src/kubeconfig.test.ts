import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS } from './fixtures.js';
import { buildKubeconfig, kubeconfigCache, userToken } from './kubeconfig.js';

const [fixture] = DEFAULT_CLUSTERS as [(typeof DEFAULT_CLUSTERS)[0]];
const [first, second] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0], (typeof DEMO_CREDENTIALS)[0]];

describe('kubeconfigCache', () => {
  it('answers what buildKubeconfig writes, for each cluster, server and access key', () => {
    const kubeconfigFor = kubeconfigCache();
    const server = fixture.endpoints.private as string;
    for (const { accessKey } of [first, second, first]) {
      const body = kubeconfigFor(fixture, server, accessKey);
      expect(body).toBe(buildKubeconfig(fixture, server, accessKey));
      expect(body).toContain(`token: ${userToken(accessKey, fixture.id)}`);
    }
    expect(kubeconfigFor(fixture, 'https://other.example:6443', first.accessKey)).toContain(
      'server: https://other.example:6443',
    );
  });

  it('writes a new body when a cluster it has seen is renamed', () => {
    const kubeconfigFor = kubeconfigCache();
    const cluster = { ...fixture };
    const server = cluster.endpoints.private as string;
    expect(kubeconfigFor(cluster, server, first.accessKey)).toContain(`name: ${fixture.name}\n`);
    cluster.name = 'renamed';
    expect(kubeconfigFor(cluster, server, first.accessKey)).toContain('current-context: renamed\n');
  });
});
