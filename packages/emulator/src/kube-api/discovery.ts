/**
 * The discovery documents kubectl reads before a request: `/version` (from the cluster's Kubernetes
 * version), `/api`, `/apis`, `/api/v1` (namespaces, nodes) and `/apis/authentication.k8s.io/v1`
 * (selfsubjectreviews, for `kubectl auth whoami`). Aggregated discovery is not offered: kubectl falls
 * back to these.
 */
export function versionInfo(kubernetesVersion: string): Record<string, string> {
  const [major = '1', minor = '0'] = kubernetesVersion.replace(/^v/, '').split('.');
  return {
    major,
    minor,
    gitVersion: kubernetesVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.22.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

const AUTHENTICATION = { groupVersion: 'authentication.k8s.io/v1', version: 'v1' };

export const API_GROUPS = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: [{ name: 'authentication.k8s.io', versions: [AUTHENTICATION], preferredVersion: AUTHENTICATION }],
};

const resource = (name: string, kind: string, namespaced: boolean, verbs: string[], shortNames?: string[]) => ({
  name,
  singularName: kind.toLowerCase(),
  namespaced,
  kind,
  verbs,
  ...(shortNames && { shortNames }),
});

export const CORE_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    resource('namespaces', 'Namespace', false, ['get', 'list'], ['ns']),
    resource('nodes', 'Node', false, ['get', 'list'], ['no']),
  ],
};

export const AUTHENTICATION_RESOURCES = {
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: 'authentication.k8s.io/v1',
  resources: [resource('selfsubjectreviews', 'SelfSubjectReview', false, ['create'])],
};
