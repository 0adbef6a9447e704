import { describe, expect, it } from 'vitest';
import type { Client, Operation } from '../model.mjs';
import { CLUSTER_ID, currentClient, deprecatedClient } from '../test-documents.js';
import { renderReadme } from './readme.mjs';

const readme = renderReadme(currentClient);
const rows = readme.split('\n').filter((line) => line.startsWith('| `'));

describe('renderReadme', () => {
  it('lists each operation in one table row: method, request, IAM action and provenance for the version', () => {
    expect(rows).toEqual([
      '| `listClusters` | `GET /v1/clusters` | `ske:ListClusters` | confirmed: the API guide |',
      '| `createClusterKubeconfig` (and `getAdminKubeconfig`) | `GET /v1/clusters/{cluster_id}/kubeconfig` | `ske:CreateClusterAdminKubeconfig` | confirmed: the API guide |',
    ]);
    expect(renderReadme(deprecatedClient)).toContain('| assumed (confirmed for ske 2.1): the API guide |');
  });

  it('names the package, the version with its lifecycle, and the document it was generated from, with no digest', () => {
    expect(readme).toMatch(/^# @scp-ske\/client-2\.1\n/);
    expect(readme).toContain('API **ske 2.1** (CURRENT)');
    expect(renderReadme(deprecatedClient)).toContain('API **ske 2.0** (DEPRECATED, Not Before 2030-01-31)');
    expect(readme).toContain('(`@scp-ske/spec/openapi/ske-2.1.json`)');
    expect(readme).not.toMatch(/sha256|[0-9a-f]{12}…/);
  });

  it("shows a listing and a kubeconfig convenience called with the spec's examples", () => {
    expect(readme).toContain('const { data, requestId } = await ske.listClusters();');
    expect(readme).toContain(
      `await ske.getAdminKubeconfig({\n  "clusterId": "${CLUSTER_ID}",\n  "kubeconfigType": "private"\n});`,
    );
  });

  it('shows the openapi-fetch call of the same operation, by wire name, read as text', () => {
    expect(readme).toContain(
      `await raw.GET('/v1/clusters/{cluster_id}/kubeconfig', {\n  params: {"path":{"cluster_id":"${CLUSTER_ID}"},"query":{"kubeconfig_type":"private"}},\n  parseAs: 'text',\n});`,
    );
  });

  it("names the version header, the current version's package and every environment's regions", () => {
    expect(readme).toContain('sends `Scp-Api-Version: ske 2.1`');
    expect(readme).toContain('names\n  @scp-ske/client-2.1;');
    expect(readme).toContain('(`s`: kr-west1, kr-east1; `g`: kr-south1)');
  });

  it('refuses a version without operations', () => {
    expect(() => renderReadme({ ...currentClient, operations: [] })).toThrow('2.1: a client without operations');
  });
});

describe('the paging and waiting section', () => {
  const [list, show] = currentClient.operations as [Operation, Operation];
  const client = {
    ...currentClient,
    operations: [
      { ...list, pagination: { items: 'clusters' } },
      {
        ...show,
        resource: 'cluster',
        waiters: {
          clusterRunning: { success: ['RUNNING'], pending: ['CREATING'], failure: ['DELETING'] },
          clusterDeleted: { notFound: 'success', pending: ['*'], pendingHttpStatuses: [500] },
        },
      },
    ],
  } as Client;

  it('is written from the operations the spec marks, with a runnable example', () => {
    const text = renderReadme(client);
    expect(text).toContain('## Paging, waiting and errors');
    expect(text).toContain('for await (const item of ske.paginate.listClusters({"size":50})) console.log(item);');
    expect(text).toContain(`await ske.waitUntil.clusterRunning({"clusterId":"${CLUSTER_ID}"`);
    expect(text).toContain(
      '| `waitUntil.clusterDeleted` | `createClusterKubeconfig` | gone (404) | any status, HTTP 500 | – |',
    );
    expect(text).toContain('isSkeApiError(error, 404)');
  });

  it('is left out of a version without a list that pages or a waiter', () => {
    expect(readme).not.toContain('## Paging');
  });
});
