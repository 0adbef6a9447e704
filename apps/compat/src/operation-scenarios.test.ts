import type { OperationTable } from '@scp-ske/client';
import { DEMO_CREDENTIALS } from '@scp-ske/emulator';
import { declaredDifferences, loadDocument, manifest, type OpenApiDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { operationTables } from './generated/clients.js';
import { buildScenarios } from './operation-scenarios.js';
import { type CompatOperation, catalogOf, type OperationCatalog } from './operations.js';
import { successOutcome } from './outcome.js';

const GENERIC = [
  'example',
  'unknown-resource',
  'malformed-argument',
  'wrong-secret',
  'no-version-header',
  'action-not-granted',
];
/** An operation with a request body also gets this one, after malformed-argument. */
const WITH_BODY = [...GENERIC.slice(0, 3), 'invalid-body', ...GENERIC.slice(3)];
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
    const operations = Object.values(document.paths).flatMap((item) =>
      Object.values(item).map((operation) => operation as { operationId: string; requestBody?: object }),
    );
    const operationIds = operations.map((operation) => operation.operationId);
    const userKubeconfig = catalog[manifest.current]?.find((one) => one.convenience === 'getUserKubeconfig');
    expect(scenarios.map((scenario) => scenario.id)).toEqual([
      'lifecycle',
      'resource-lifecycle',
      ...operations.flatMap(({ operationId: id, requestBody }) => [
        ...(requestBody ? WITH_BODY : GENERIC).map((name) => `${id}/${name}`),
        ...(id === userKubeconfig?.id ? SPECIFIC : []),
      ]),
    ]);
    for (const scenario of scenarios.slice(2)) expect(operationIds).toContain(scenario.operation);
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

  it('change state only against the emulator, on resources of their own, and explain declared differences', async () => {
    const catalog = await realCatalog();
    const documents: Record<string, OpenApiDocument> = {};
    for (const entry of manifest.versions) documents[entry.version] = await loadDocument(entry.version, 'dereferenced');
    const declared = declaredDifferences(documents);
    const scenarios = buildScenarios(catalog, { reference: manifest.current, emulator, declared });
    const byId = Object.fromEntries(scenarios.map((scenario) => [scenario.id, scenario]));
    expect(byId['createCluster/example']).toMatchObject({
      title: 'Example arguments and body (202; on its own cluster)',
      needsEmulator: true,
    });
    expect(byId['setNodepool/example']?.title).toBe('Example arguments and body (200; on its own nodepool)');
    expect(byId['createCluster/invalid-body']).toMatchObject({ title: 'Body without name (400)', needsEmulator: true });
    expect(byId['setNodepool/invalid-body']?.notApplicable).toBe('the request body of setNodepool requires no field');
    // A read without required arguments still runs against a real endpoint.
    expect(byId['listClusters/example']?.needsEmulator).toBe(false);
    expect(byId['resource-lifecycle']).toMatchObject({ needsEmulator: true, judge: 'reference' });
    expect(byId['resource-lifecycle']?.notApplicable).toBeUndefined();
    const withoutScaling = {
      ...catalog,
      [manifest.current]: catalog[manifest.current]?.filter((one) => one.id !== 'setNodepool') ?? [],
    };
    expect(buildScenarios(withoutScaling, { reference: manifest.current })[1]?.notApplicable).toBe(
      'ske 1.3 has no setNodepool',
    );
    // The example explains an answer that lacks only what later versions add.
    type Described = { responses: { 200: { content: { 'application/json': { example: unknown } } } } };
    const example = (version: string) => {
      const showCluster = (documents[version] as OpenApiDocument).paths['/v1/clusters/{cluster_id}']?.get as Described;
      return successOutcome(200, showCluster.responses[200].content['application/json'].example);
    };
    const [older, current] = [await example('1.0'), await example('1.3')];
    expect(byId['showCluster/example']?.explain?.('1.0', older, current)).toMatch(
      /^ske 1\.0 answers without what later versions add: Cluster\.service_watch_logging_enabled/,
    );
    const otherStatus = { kind: 'data', status: 201, summary: (older as { summary: string }).summary } as const;
    expect(byId['showCluster/example']?.explain?.('1.0', otherStatus, current)).toBeUndefined();
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
