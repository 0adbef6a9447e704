/**
 * Small hand-made inputs of the generator's tests: a manifest of two versions (a DEPRECATED one with a
 * Not Before date, and the CURRENT one), and a document with two operations that use every kind of
 * parameter the model reads or leaves out.
 */
import { buildModel, type Client, type Manifest, type OpenApiDocument, type VersionDocuments } from './model.mjs';

const CLUSTER_ID = '70a599e031e749b7b260868f441e862b';

export const manifest: Manifest = {
  service: 'ske',
  current: '2.1',
  versions: ['2.0', '2.1'].map((version) => ({
    version,
    apiVersion: `ske ${version}`,
    state: version === '2.0' ? 'DEPRECATED' : 'CURRENT',
    notBefore: version === '2.0' ? '2030-01-31' : null,
    files: {
      bundled: { json: `openapi/ske-${version}.json` },
      dereferenced: { json: `openapi/ske-${version}.dereferenced.json` },
    },
  })),
};

/** A parameter every operation has, which the client sets itself. */
const apiVersionHeader = (version: string) => ({
  name: 'Scp-Api-Version',
  in: 'header',
  schema: { type: 'string', const: `ske ${version}` },
});

/**
 * `listClusters` (query arguments, a JSON answer) and `createClusterKubeconfig` (a path argument declared
 * on the path, a required query argument, an own header, a cookie, a text answer with a convenience).
 */
export function document(version: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: 'SKE', version },
    servers: [
      {
        url: 'https://ske.{region}.{environment}.example.com',
        'x-scp-regions': { s: ['kr-west1', 'kr-east1'], g: ['kr-south1'] },
      },
    ],
    paths: {
      '/v1/clusters': {
        get: {
          operationId: 'listClusters',
          summary: 'List Clusters',
          'x-scp-action-id': 'ske:ListClusters',
          'x-scp-provenance': { source: 'the API guide', confirmed: ['2.0', '2.1'] },
          parameters: [
            { name: 'size', in: 'query', description: 'Page size.', schema: { type: 'integer', minimum: 0 } },
            {
              name: 'status',
              in: 'query',
              schema: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string', maxLength: 20 } }] },
            },
            apiVersionHeader(version),
            { name: 'Accept-Language', in: 'header', schema: { type: 'string', enum: ['en-US', 'ko-KR'] } },
          ],
          responses: {
            '200': {
              description: 'OK.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['contents'],
                    properties: { contents: { type: 'array', items: { type: 'string' } } },
                  },
                },
              },
            },
            '401': { description: 'Unauthorized.' },
          },
        },
      },
      '/v1/clusters/{cluster_id}/kubeconfig': {
        parameters: [
          {
            name: 'cluster_id',
            in: 'path',
            required: true,
            schema: { type: 'string', pattern: '^[0-9a-f]{32}$' },
            example: CLUSTER_ID,
          },
        ],
        get: {
          operationId: 'createClusterKubeconfig',
          summary: 'Create Cluster Kubeconfig',
          'x-scp-action-id': 'ske:CreateClusterAdminKubeconfig',
          'x-scp-convenience': 'getAdminKubeconfig',
          'x-scp-provenance': { source: 'the API guide', confirmed: ['2.1'] },
          parameters: [
            {
              name: 'kubeconfig_type',
              in: 'query',
              required: true,
              schema: { type: 'string', enum: ['private', 'public'], example: 'private' },
            },
            { name: 'X-Trace-Id', in: 'header', schema: { type: 'string', format: 'uuid' } },
            { name: 'session', in: 'cookie', schema: { type: 'string' } },
            apiVersionHeader(version),
          ],
          responses: {
            '200': { description: 'OK.', content: { '*/*': { schema: { type: 'string' } } } },
            '404': { description: 'Not found.' },
          },
        },
      },
    },
  };
}

/** Every version's documents: the same document serves as both forms (it has no `$ref`). */
export const documents: Record<string, VersionDocuments> = Object.fromEntries(
  manifest.versions.map(({ version }) => [version, { bundled: document(version), dereferenced: document(version) }]),
);

export { CLUSTER_ID };

/** The model of the two versions, and its clients. */
export const model = buildModel(manifest, documents);
export const [deprecatedClient, currentClient] = model.clients as [Client, Client];
