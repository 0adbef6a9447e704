import { describe, expect, it } from 'vitest';
import {
  contractDifferences,
  declaredDifferences,
  describeDeclaredDifference,
  narrowContract,
  pruneToSchema,
} from './contract-diff.js';
import { loadDocument, type OpenApiDocument, versions } from './index.js';

async function allDocuments(): Promise<Record<string, OpenApiDocument>> {
  const entries = await Promise.all(
    versions.map(async (version) => [version, await loadDocument(version, 'dereferenced')] as const),
  );
  return Object.fromEntries(entries);
}

/** The value at `keys` in `value`, as `T` (what a test knows is there). */
const dig = <T>(value: unknown, ...keys: string[]): T =>
  keys.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value) as T;

const NODEPOOL = '/paths/~1v1~1nodepools~1{nodepool_id}/get/responses/200/content/application~1json';

describe('contractDifferences', () => {
  it('finds no difference between the four SKE versions that their declared differences do not explain', async () => {
    expect(contractDifferences(await allDocuments(), '1.3')).toEqual([]);
  });

  it('lists a real difference with its pointer and both values', async () => {
    const documents = await allDocuments();
    const changed = structuredClone(documents['1.1']) as OpenApiDocument;
    const operation = changed.paths['/v1/clusters/{cluster_id}/user-kubeconfig']?.get as {
      parameters: { name: string; schema: { enum?: string[] } }[];
      responses: Record<string, unknown>;
    };
    const type = operation.parameters.find((parameter) => parameter.name === 'kubeconfig_type');
    if (type?.schema.enum) type.schema.enum = ['private'];
    delete operation.responses['403'];
    const differences = contractDifferences({ ...documents, '1.1': changed }, '1.3');
    expect(differences.map(({ version, pointer }) => `${version} ${pointer}`)).toEqual([
      '1.1 /paths/~1v1~1clusters~1{cluster_id}~1user-kubeconfig/get/parameters/1/schema/enum/1',
      '1.1 /paths/~1v1~1clusters~1{cluster_id}~1user-kubeconfig/get/responses/403',
    ]);
    expect(differences[0]).toMatchObject({ reference: '1.3', expected: 'public', actual: undefined });
  });

  it('treats the version number and the lifecycle as each version’s own', async () => {
    const documents = await allDocuments();
    expect(documents['1.0']?.info).not.toEqual(documents['1.3']?.info);
    expect(
      contractDifferences({ '1.0': documents['1.0'] as OpenApiDocument, '1.3': documents['1.3'] as OpenApiDocument }),
    ).toEqual([]);
  });

  it('finds a version difference once its declaration is gone', async () => {
    const documents = await allDocuments();
    const undeclared = structuredClone(documents['1.3']) as OpenApiDocument;
    const nodepool = dig<{ properties: Record<string, Record<string, unknown>> }>(
      undeclared.paths,
      ...['/v1/nodepools/{nodepool_id}', 'get', 'responses', '200', 'content', 'application/json'],
      ...['schema', 'properties', 'nodepool'],
    );
    delete nodepool.properties.linked_resources?.['x-scp-since'];
    const differences = contractDifferences({ '1.2': documents['1.2'] as OpenApiDocument, '1.3': undeclared });
    expect(differences.map(({ pointer }) => pointer)).toContain(
      `${NODEPOOL}/schema/properties/nodepool/properties/linked_resources`,
    );
    expect(differences).toContainEqual({
      version: '1.2',
      reference: '1.3',
      pointer: `${NODEPOOL}/example/nodepool/linked_resources`,
      expected: [],
      actual: undefined,
    });
  });
});

describe('narrowContract', () => {
  const document = (): OpenApiDocument => ({
    openapi: '3.1.0',
    info: { version: '1.3' },
    paths: {
      '/v1/new': { put: { operationId: 'setNew', 'x-scp-since': { version: '1.1' } } },
      '/v1/things': {
        post: {
          operationId: 'createThing',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  title: 'Thing',
                  // As bundled: `colour` written in the source, `id` and `name` added by their required-since.
                  required: ['colour', 'id', 'name'],
                  properties: {
                    id: { type: 'string', 'x-scp-required-since': '1.1' },
                    name: { type: 'string', 'x-scp-required-since': { version: '1.2' } },
                    colour: { type: 'string', 'x-scp-since': { version: '1.3', strength: 'weak' } },
                    owner: {
                      title: 'Owner',
                      required: ['ref'],
                      properties: { ref: { type: 'string', 'x-scp-required-since': '1.1' } },
                    },
                    parts: {
                      type: 'array',
                      items: { oneOf: [{ properties: { size: { 'x-scp-since': '1.2' } } }, { type: 'null' }] },
                    },
                  },
                },
                example: { id: 'a', name: 'b', colour: 'red', parts: [{ size: 1 }] },
                examples: { one: { value: { colour: 'blue' } } },
              },
            },
          },
        },
      },
    },
  });

  it('leaves out what is newer, as the bundler does', () => {
    const narrowed = narrowContract(document(), '1.0');
    expect(Object.keys(narrowed.paths)).toEqual(['/v1/things']);
    const media = dig<Record<string, unknown>>(
      narrowed.paths,
      '/v1/things',
      'post',
      'requestBody',
      'content',
      'application/json',
    );
    const schema = media.schema as { properties: { owner: { required?: string[] } }; required?: string[] };
    expect(Object.keys(schema.properties)).toEqual(['id', 'name', 'owner', 'parts']);
    expect(schema.required).toEqual([]);
    expect(schema.properties.owner.required).toBeUndefined();
    expect(media.example).toEqual({ id: 'a', name: 'b', parts: [{}] });
    expect(media.examples).toEqual({ one: { value: {} } });
  });

  it('keeps what the version has, and requires what it requires', () => {
    const narrowed = narrowContract(document(), '1.1');
    const schema = dig<{ required?: string[]; properties: { owner: object } }>(
      narrowed.paths,
      ...['/v1/things', 'post', 'requestBody', 'content', 'application/json', 'schema'],
    );
    expect(Object.keys(narrowed.paths)).toEqual(['/v1/new', '/v1/things']);
    expect(schema.required).toEqual(['id']);
    expect(schema.properties.owner).toMatchObject({ required: ['ref'] });
    expect(narrowContract(document(), '1.3')).toEqual(document());
  });
});

describe('pruneToSchema', () => {
  it('keeps only what the schema describes, through items and a oneOf branch', () => {
    const value = { a: 1, gone: 2, list: [{ b: 1, c: 2 }], either: { d: 1, e: 2 } };
    pruneToSchema(value, {
      properties: {
        a: {},
        list: { items: { properties: { b: {} } } },
        either: { oneOf: [{ type: 'null' }, { properties: { d: {} } }] },
      },
    });
    expect(value).toEqual({ a: 1, list: [{ b: 1 }], either: { d: 1 } });
  });
});

describe('declaredDifferences', () => {
  it('lists every declared difference once, with its evidence, where it is and which versions lack it', async () => {
    const declared = declaredDifferences(await allDocuments());
    expect(declared.map((one) => `${describeDeclaredDifference(one)} (lacking ${one.lacking.join(', ')})`)).toEqual([
      'setClusterServiceWatchLogging: added in ske 1.1 (lacking 1.0)',
      'ClusterCreateRequest.service_watch_logging_enabled: added in ske 1.1 (lacking 1.0)',
      'ClusterCreateRequest.service_watch_logging_enabled: required from ske 1.1 (lacking 1.0)',
      'AccessControlResource.id: required from ske 1.1 (lacking 1.0)',
      'AccessControlResource.name: required from ske 1.1 (lacking 1.0)',
      'AccessControlResource.type: required from ske 1.1 (lacking 1.0)',
      'Cluster.service_watch_logging_enabled: added in ske 1.1 (lacking 1.0)',
      'NodepoolCreateRequest.server_group_id: added in ske 1.1 (lacking 1.0)',
      'NodepoolCreateRequest.advanced_settings: added in ske 1.1 (lacking 1.0)',
      'NodepoolTaint.effect: required from ske 1.1 (lacking 1.0)',
      'Nodepool.server_group_id: added in ske 1.1 (lacking 1.0)',
      'Nodepool.advanced_settings: added in ske 1.1 (lacking 1.0)',
      'NodepoolCreateRequest.linked_resources: added in ske 1.3 (lacking 1.0, 1.1, 1.2)',
      'Nodepool.linked_resources: added in ske 1.3 (lacking 1.0, 1.1, 1.2)',
    ]);
    expect(declared[0]).toMatchObject({
      change: 'added',
      operation: 'setClusterServiceWatchLogging',
      version: '1.1',
      strength: 'strong',
      evidence: expect.stringContaining('Terraform provider v2.0.3'),
      document: '1.3',
      pointer: '/paths/~1v1~1clusters~1{cluster_id}~1service-watch-logging/put',
      operations: ['setClusterServiceWatchLogging'],
    });
    expect(declared.find((one) => one.schema === 'Nodepool' && one.property === 'linked_resources')).toMatchObject({
      strength: 'weak',
      document: '1.3',
      operations: ['createNodepool', 'showNodepool'],
    });
    expect(declared.find((one) => one.schema === 'Cluster')?.operations).toEqual([
      'showCluster',
      'setClusterSecurityGroups',
    ]);
  });

  it('points into the newest of the given documents that has the element, and lists only the given versions', async () => {
    const documents = await allDocuments();
    const declared = declaredDifferences({
      '1.0': documents['1.0'] as OpenApiDocument,
      '1.2': documents['1.2'] as OpenApiDocument,
    });
    expect(declared.map(describeDeclaredDifference)).not.toContain('Nodepool.linked_resources: added in ske 1.3');
    expect(declared.every((one) => one.document === '1.2' && one.lacking.join() === '1.0')).toBe(true);
  });
});
