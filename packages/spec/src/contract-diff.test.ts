import { describe, expect, it } from 'vitest';
import { contractDifferences } from './contract-diff.js';
import { loadDocument, type OpenApiDocument, versions } from './index.js';

async function allDocuments(): Promise<Record<string, OpenApiDocument>> {
  const entries = await Promise.all(
    versions.map(async (version) => [version, await loadDocument(version, 'dereferenced')] as const),
  );
  return Object.fromEntries(entries);
}

describe('contractDifferences', () => {
  it('finds no difference between the four SKE versions apart from version and lifecycle', async () => {
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
});
