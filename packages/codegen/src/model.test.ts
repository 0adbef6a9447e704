import { describe, expect, it } from 'vitest';
import {
  argumentSchema,
  buildModel,
  camelCase,
  contractOf,
  type OpenApiDocument,
  operationsOf,
  type Parameter,
  paginationOf,
  waitersOf,
} from './model.mjs';
import { CLUSTER_ID, document, documents, manifest } from './test-documents.js';

/** The test document with one operation changed. */
function withKubeconfigOperation(change: (operation: Record<string, unknown>) => void): OpenApiDocument {
  const changed = document('2.1');
  change(changed.paths['/v1/clusters/{cluster_id}/kubeconfig'].get);
  return changed;
}

describe('operationsOf', () => {
  const [listClusters, createClusterKubeconfig] = operationsOf(document('2.1'));

  it('reads every operation, in path order, with its method, path, success answer and documentation', () => {
    expect(operationsOf(document('2.1')).map((operation) => operation.id)).toEqual([
      'listClusters',
      'createClusterKubeconfig',
    ]);
    expect(listClusters).toMatchObject({
      method: 'GET',
      path: '/v1/clusters',
      success: { status: 200, contentType: 'application/json' },
      summary: 'List Clusters',
      actionId: 'ske:ListClusters',
      provenance: { source: 'the API guide', confirmed: ['2.0', '2.1'] },
    });
    expect(listClusters).not.toHaveProperty('convenience');
  });

  it("takes the path's parameters, then the operation's, leaving out cookies and the headers the client sets", () => {
    expect(createClusterKubeconfig?.parameters).toEqual([
      {
        key: 'clusterId',
        name: 'cluster_id',
        in: 'path',
        required: true,
        schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
        example: CLUSTER_ID,
      },
      {
        key: 'kubeconfigType',
        name: 'kubeconfig_type',
        in: 'query',
        required: true,
        schema: { type: 'string', enum: ['private', 'public'] },
      },
      { key: 'xTraceId', name: 'X-Trace-Id', in: 'header', schema: { type: 'string' } },
    ]);
    expect(listClusters?.parameters.map((parameter) => parameter.key)).toEqual(['size', 'status']);
  });

  it("keeps a parameter's example only where its schema has a pattern", () => {
    const [clusterId, kubeconfigType] = createClusterKubeconfig?.parameters ?? [];
    expect(clusterId?.example).toBe(CLUSTER_ID);
    expect(kubeconfigType).not.toHaveProperty('example');
  });

  it("samples the required arguments from the spec's examples, by key and by wire name", () => {
    expect(createClusterKubeconfig?.sample).toEqual({
      input: { clusterId: CLUSTER_ID, kubeconfigType: 'private' },
      params: { path: { cluster_id: CLUSTER_ID }, query: { kubeconfig_type: 'private' } },
    });
    expect(listClusters?.sample).toEqual({ input: {}, params: {} });
  });

  it('records the kubeconfig convenience of a text answer', () => {
    expect(createClusterKubeconfig).toMatchObject({
      convenience: 'getAdminKubeconfig',
      success: { status: 200, contentType: '*/*' },
    });
  });

  it('refuses a convenience on a JSON answer', () => {
    const spec = document('2.1');
    spec.paths['/v1/clusters'].get['x-scp-convenience'] = 'getUserKubeconfig';
    expect(() => operationsOf(spec)).toThrow('2.1: listClusters has x-scp-convenience but a JSON body');
  });

  it('refuses an operation without a 2xx answer, naming it', () => {
    const spec = withKubeconfigOperation((operation) => {
      operation.responses = { '404': { description: 'Not found.' } };
    });
    expect(() => operationsOf(spec)).toThrow('2.1: createClusterKubeconfig declares no 2xx response');
  });

  it('reads a JSON request body: its media type, whether it is required, and its example as the sample `body`', () => {
    const example = { name: 'sample', size: 2 };
    const spec = withKubeconfigOperation((operation) => {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'object' }, example } },
      };
    });
    const operation = operationsOf(spec)[1];
    expect(operation?.body).toEqual({ contentType: 'application/json', required: true });
    expect(operation?.sample.input).toEqual({ clusterId: CLUSTER_ID, kubeconfigType: 'private', body: example });
    expect(operation?.sample.body).toEqual(example);
  });

  it('leaves `required` out of an optional body, and has no body where the operation takes none', () => {
    const spec = withKubeconfigOperation((operation) => {
      operation.requestBody = { content: { 'application/merge-patch+json': { example: {} } } };
    });
    const [listClusters, optional] = operationsOf(spec);
    expect(optional?.body).toEqual({ contentType: 'application/merge-patch+json' });
    expect(listClusters).not.toHaveProperty('body');
    expect(listClusters?.sample).not.toHaveProperty('body');
  });

  it.each([
    [{ content: { 'text/plain': { example: 'x' } } }, 'has a request body that is not JSON (text/plain)'],
    [{ content: {} }, 'has a request body that is not JSON (no media type)'],
    [{ content: { 'application/json': { schema: { type: 'object' } } } }, 'has a request body without an example'],
  ])('refuses a request body it cannot send or sample: %j', (requestBody, message) => {
    const spec = withKubeconfigOperation((operation) => {
      operation.requestBody = requestBody;
    });
    expect(() => operationsOf(spec)).toThrow(`2.1: createClusterKubeconfig ${message}`);
  });

  it('reads an answer without a body as an empty content type', () => {
    const spec = withKubeconfigOperation((operation) => {
      operation.responses = { '204': { description: 'Deleted.' } };
    });
    expect(operationsOf(spec)[1]?.success).toEqual({ status: 204, contentType: '' });
  });
});

describe('argumentSchema', () => {
  it('keeps the keywords the runtime checks, through items and anyOf, and drops the rest', () => {
    expect(
      argumentSchema({
        type: ['string', 'null'],
        description: 'dropped',
        format: 'uuid',
        anyOf: [{ type: 'array', minItems: 1, items: { type: 'string', maxLength: 3, example: 'abc' } }],
      }),
    ).toEqual({
      type: ['string', 'null'],
      anyOf: [{ type: 'array', minItems: 1, items: { type: 'string', maxLength: 3 } }],
    });
    expect(argumentSchema()).toEqual({});
  });
});

describe('camelCase', () => {
  it.each([
    ['cluster_id', 'clusterId'],
    ['X-Trace-Id', 'xTraceId'],
    ['kubernetes_version', 'kubernetesVersion'],
    ['size', 'size'],
  ])('%s → %s', (name, key) => {
    expect(camelCase(name)).toBe(key);
  });
});

describe('contractOf', () => {
  it("is the version's lifecycle, the current version's package, and the server template with its regions", () => {
    const [deprecated] = manifest.versions;
    expect(contractOf(manifest, deprecated as (typeof manifest.versions)[number], document('2.0'))).toEqual({
      service: 'ske',
      version: '2.0',
      apiVersion: 'ske 2.0',
      state: 'DEPRECATED',
      notBefore: '2030-01-31',
      current: { version: '2.1', apiVersion: 'ske 2.1', package: '@scp-ske/client-2.1' },
      server: {
        url: 'https://ske.{region}.{environment}.example.com',
        regions: { s: ['kr-west1', 'kr-east1'], g: ['kr-south1'] },
      },
    });
  });
});

describe('buildModel', () => {
  it('makes one client per version of the manifest, in its order', () => {
    const model = buildModel(manifest, documents);
    expect(model.service).toBe('ske');
    expect(
      model.clients.map(({ version, packageName, source, state }) => ({ version, packageName, source, state })),
    ).toEqual([
      { version: '2.0', packageName: '@scp-ske/client-2.0', source: 'openapi/ske-2.0.json', state: 'DEPRECATED' },
      { version: '2.1', packageName: '@scp-ske/client-2.1', source: 'openapi/ske-2.1.json', state: 'CURRENT' },
    ]);
    for (const client of model.clients) {
      expect(client.operations.map((operation) => operation.id)).toEqual(['listClusters', 'createClusterKubeconfig']);
      expect(client.document).toBe(documents[client.version]?.bundled);
    }
  });

  it('names a version whose documents are missing', () => {
    expect(() => buildModel(manifest, { '2.0': documents['2.0'] as (typeof documents)[string] })).toThrow(
      '2.1: no documents were given for this version',
    );
  });
});

describe('x-scp-pagination and x-scp-waiters', () => {
  const paging = [
    { key: 'size', name: 'size', in: 'query', schema: {} },
    { key: 'page', name: 'page', in: 'query', schema: {} },
  ] as Parameter[];
  it('reads a list that pages, which must take page and size', () => {
    expect(paginationOf('1.3', 'listThings', { 'x-scp-pagination': { items: 'things' } }, paging)).toEqual({
      items: 'things',
    });
    expect(paginationOf('1.3', 'listThings', {}, paging)).toBeUndefined();
    expect(() => paginationOf('1.3', 'listThings', { 'x-scp-pagination': { items: 'things' } }, [])).toThrow(
      '1.3: listThings has x-scp-pagination but no page query parameter',
    );
    expect(() => paginationOf('1.3', 'listThings', { 'x-scp-pagination': {} }, paging)).toThrow(/without items/);
  });

  it('reads the waiters of a show operation with the resource they read', () => {
    const waiters = { thingReady: { success: ['READY'] } };
    expect(waitersOf('1.3', 'showThing', { 'x-scp-resource': 'thing', 'x-scp-waiters': waiters })).toEqual({
      resource: 'thing',
      waiters,
    });
    expect(waitersOf('1.3', 'showThing', {})).toBeUndefined();
    expect(() => waitersOf('1.3', 'showThing', { 'x-scp-waiters': waiters })).toThrow(/no x-scp-resource/);
  });
});
