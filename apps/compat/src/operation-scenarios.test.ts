import type { OperationTable } from '@scp-ske/client';
import { DEMO_CREDENTIALS } from '@scp-ske/emulator';
import { loadDocument, manifest, type OpenApiDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { operationTables } from './generated/clients.js';
import { buildScenarios } from './operation-scenarios.js';
import { type CompatOperation, catalogOf, type OperationCatalog } from './operations.js';

const GENERIC = [
  'example',
  'unknown-resource',
  'malformed-argument',
  'wrong-secret',
  'no-version-header',
  'action-not-granted',
];
const SPECIFIC = [
  'private-kubeconfig',
  'public-kubeconfig',
  'no-public-endpoint',
  'forbidden',
  'clock-skew',
  'transient-503',
];
const emulator = { credentials: DEMO_CREDENTIALS, clusterIds: ['70a599e031e749b7b260868f441e862b'] };

async function realCatalog(): Promise<OperationCatalog> {
  const catalog: OperationCatalog = {};
  for (const entry of manifest.versions) {
    const document = await loadDocument(entry.version, 'dereferenced');
    catalog[entry.version] = catalogOf(operationTables[entry.version] as OperationTable, document);
  }
  return catalog;
}

/** A fifth operation, as the generator would describe it, with a path parameter and a bounded query one. */
const listNodePools: CompatOperation = {
  id: 'listNodePools',
  title: 'List Node Pools',
  method: 'GET',
  path: '/v1/clusters/{cluster_id}/node-pools',
  parameters: [
    {
      key: 'clusterId',
      name: 'cluster_id',
      in: 'path',
      required: true,
      schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
      sample: '70a599e031e749b7b260868f441e862b',
    },
    { key: 'size', name: 'size', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100 }, sample: 20 },
  ],
  success: { status: 200, contentType: 'application/json' },
  actionId: 'ske:ListNodePools',
  provenance: { source: 'seed', document: 'a test', confirmed: ['1.3'] },
  statuses: ['200', '400', '401', '403', '404', '406'],
  inClient: true,
};

describe('the scenarios', () => {
  it('are the generic ones for every operation of every version, derived from the spec, and the specific ones', async () => {
    const catalog = await realCatalog();
    const scenarios = buildScenarios(catalog, { reference: manifest.current, emulator });
    const document = await loadDocument(manifest.current, 'dereferenced');
    const operationIds = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((operation) => (operation as { operationId: string }).operationId),
    );
    const userKubeconfig = catalog[manifest.current]?.find((one) => one.convenience === 'getUserKubeconfig');
    expect(scenarios.map((scenario) => scenario.id)).toEqual([
      'lifecycle',
      ...operationIds.flatMap((id) => [
        ...GENERIC.map((name) => `${id}/${name}`),
        ...(id === userKubeconfig?.id ? SPECIFIC : []),
      ]),
    ]);
    for (const scenario of scenarios.slice(1)) expect(operationIds).toContain(scenario.operation);
  });

  it('include an operation added to the table, with no change to the builder', async () => {
    const catalog = await realCatalog();
    const reference = manifest.current;
    const grown: OperationCatalog = { ...catalog, [reference]: [...(catalog[reference] ?? []), listNodePools] };
    const before = buildScenarios(catalog, { reference, emulator });
    const after = buildScenarios(grown, { reference, emulator });
    const added = after.filter((scenario) => scenario.operation === 'listNodePools');
    expect(after.length - before.length).toBe(GENERIC.length);
    expect(added.map((scenario) => [scenario.id, scenario.title, scenario.notApplicable])).toEqual([
      ['listNodePools/example', 'Example arguments (200)', undefined],
      ['listNodePools/unknown-resource', 'Unknown cluster_id (404)', undefined],
      ['listNodePools/malformed-argument', 'Malformed clusterId: "Not-Valid!" (refused, not sent)', undefined],
      ['listNodePools/wrong-secret', 'Wrong secret key (401)', undefined],
      ['listNodePools/no-version-header', 'No Scp-Api-Version header (answered as ske 1.3)', undefined],
      // Demo key 2's actions do not include it.
      ['listNodePools/action-not-granted', 'Key without ske:ListNodePools (403)', undefined],
    ]);
    // What the spec says each answer is, checked in every version (the reference too).
    const [example, unknown, malformed, wrongSecret] = added as [
      (typeof added)[0],
      (typeof added)[0],
      (typeof added)[0],
      (typeof added)[0],
    ];
    expect(example.expect?.({ kind: 'data', status: 200, summary: '{node_pools[1]}' })).toBeUndefined();
    expect(example.expect?.({ kind: 'api-error', status: 501, code: 'NotImplemented' })).toBe(
      'its success answer (200)',
    );
    expect(unknown.expect?.({ kind: 'api-error', status: 404, code: 'NotFound' })).toBeUndefined();
    expect(malformed.expect?.({ kind: 'refused', reason: 'input', detail: 'clusterId' })).toBeUndefined();
    expect(wrongSecret.expect?.({ kind: 'api-error', status: 403, code: 'Forbidden' })).toBe('an error answer 401');
  });

  it('say why a scenario does not apply to an operation, and skip nothing else', async () => {
    const catalog = await realCatalog();
    const scenarios = buildScenarios(catalog, { reference: manifest.current, emulator });
    const notApplicable = Object.fromEntries(
      scenarios.filter((scenario) => scenario.notApplicable).map((scenario) => [scenario.id, scenario.notApplicable]),
    );
    expect(notApplicable['listClusters/unknown-resource']).toBe(
      'listClusters has no path parameter to name an unknown resource',
    );
    expect(notApplicable['showCluster/action-not-granted']).toBe('every key of the emulator may use ske:ShowCluster');
    // Demo key 2 lacks the admin kubeconfig's action.
    expect(notApplicable['createClusterKubeconfig/action-not-granted']).toBeUndefined();
    // An operation only ske 1.2 describes still gets its rows (the other versions answer NoSuchOperation).
    const grown: OperationCatalog = { ...catalog, '1.2': [...(catalog['1.2'] ?? []), listNodePools] };
    expect(buildScenarios(grown, { reference: manifest.current }).map((scenario) => scenario.id)).toContain(
      'listNodePools/example',
    );
  });

  it('are derived from a document with an operation added, through the catalog', async () => {
    const document = structuredClone(await loadDocument(manifest.current, 'dereferenced')) as OpenApiDocument;
    const listClusters = (document.paths['/v1/clusters'] as { get: Record<string, unknown> }).get;
    document.paths['/v1/kubernetes-versions'] = {
      get: { ...listClusters, operationId: 'listKubernetesVersions', summary: 'List Kubernetes Versions' },
    };
    const table = operationTables[manifest.current] as OperationTable;
    const grownTable = {
      ...table,
      listKubernetesVersions: { ...table.listClusters, path: '/v1/kubernetes-versions' },
    } as OperationTable;
    const catalog = { [manifest.current]: catalogOf(grownTable, document) };
    const ids = buildScenarios(catalog, { reference: manifest.current }).map((scenario) => scenario.id);
    expect(ids).toEqual(expect.arrayContaining(GENERIC.map((name) => `listKubernetesVersions/${name}`)));
  });
});
