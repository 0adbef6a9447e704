/**
 * Type-level proof that every version's generated `paths` differ from the current version's exactly
 * where the spec declares a difference (`x-scp-since`, `x-scp-required-since`): the paths a version
 * lacks are those of the operations declared as added later, and among the paths both have, those
 * whose operations differ (parameters but the headers, request body, responses) are those of the
 * operations a declared property is part of. Only the `Scp-Api-Version` header differs everywhere else,
 * as it must. Checked by `tsc` (the typecheck task); the runtime assertions tie the lists below to
 * `declaredDifferences`, so that neither the types nor the declarations can move alone.
 */
import { declaredDifferences, loadDocument, manifest, type OpenApiDocument } from '@scp-ske/spec';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { clientFactories, operationTables, type PathsByVersion } from './generated/clients.js';

type Version = keyof PathsByVersion;
type UserKubeconfig<V extends Version> = PathsByVersion[V]['/v1/clusters/{cluster_id}/user-kubeconfig']['get'];
/** What must agree of one operation: its parameters but the headers, its request body and its responses. */
type OperationShape<Operation> = Operation extends { parameters: infer Parameters; responses: infer Responses }
  ? {
      parameters: Omit<Parameters, 'header'>;
      requestBody: Operation extends { requestBody?: infer Body } ? Body : never;
      responses: Responses;
    }
  : Operation;
/** Every method of a path, by its shape. */
type PathShape<Item> = { [Method in keyof Item]: OperationShape<Item[Method]> };
/** Whether two types are identical (an optional property more or less counts, unlike mutual assignability). */
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The paths both versions have whose shape differs. */
type Differing<V extends Version, W extends Version = '1.3'> = {
  [Path in keyof PathsByVersion[V] & keyof PathsByVersion[W]]: Identical<
    PathShape<PathsByVersion[V][Path]>,
    PathShape<PathsByVersion[W][Path]>
  > extends true
    ? never
    : Path;
}[keyof PathsByVersion[V] & keyof PathsByVersion[W]];
/** The paths the current version has and `V` does not. */
type Lacking<V extends Version> = Exclude<keyof PathsByVersion['1.3'], keyof PathsByVersion[V]>;

/** ske 1.1 adds setClusterServiceWatchLogging. */
const LACKING_IN_1_0 = ['/v1/clusters/{cluster_id}/service-watch-logging'] as const;
/** ske 1.1's added and newly required properties, and ske 1.3's nodepool `linked_resources`, are part of these. */
const DIFFERING_IN_1_0 = [
  '/v1/clusters',
  '/v1/clusters/{cluster_id}',
  '/v1/clusters/{cluster_id}/private-access-control',
  '/v1/clusters/{cluster_id}/security-groups',
  '/v1/nodepools',
  '/v1/nodepools/{nodepool_id}',
  '/v1/nodepools/{nodepool_id}/taints',
] as const;
/** ske 1.3's nodepool `linked_resources` is part of these. */
const DIFFERING_IN_1_1 = ['/v1/nodepools', '/v1/nodepools/{nodepool_id}'] as const;

/** The paths of the operations the declared differences that `version` lacks are part of, sorted. */
function declaredPaths(documents: Record<string, OpenApiDocument>, version: string) {
  const reference = documents[manifest.current] as OpenApiDocument;
  const pathOf = (operationId: string) =>
    Object.entries(reference.paths).find(([, item]) =>
      Object.values(item).some((operation) => (operation as { operationId?: string }).operationId === operationId),
    )?.[0];
  const declared = declaredDifferences(documents).filter((one) => one.lacking.includes(version));
  const lacking = declared.filter((one) => one.operation).map((one) => pathOf(one.operation as string));
  const differing = declared.filter((one) => one.property).flatMap((one) => one.operations.map(pathOf));
  const sorted = (paths: (string | undefined)[]) => [...new Set(paths)].sort();
  return { lacking: sorted(lacking), differing: sorted(differing) };
}

describe('generated clients', () => {
  it('differ from the current version exactly where the spec declares it, and in the version header', async () => {
    expectTypeOf<Lacking<'1.0'>>().toEqualTypeOf<(typeof LACKING_IN_1_0)[number]>();
    expectTypeOf<Lacking<'1.1' | '1.2'>>().toEqualTypeOf<never>();
    expectTypeOf<Differing<'1.0'>>().toEqualTypeOf<(typeof DIFFERING_IN_1_0)[number]>();
    expectTypeOf<Differing<'1.1'>>().toEqualTypeOf<(typeof DIFFERING_IN_1_1)[number]>();
    expectTypeOf<Differing<'1.2'>>().toEqualTypeOf<(typeof DIFFERING_IN_1_1)[number]>();
    expectTypeOf<Differing<'1.1', '1.2'>>().toEqualTypeOf<never>();
    expectTypeOf<UserKubeconfig<'1.0'>['parameters']['header']>().not.toEqualTypeOf<
      UserKubeconfig<'1.3'>['parameters']['header']
    >();
    expectTypeOf<NonNullable<UserKubeconfig<'1.2'>['parameters']['header']>['Scp-Api-Version']>().toEqualTypeOf<
      'ske 1.2' | undefined
    >();

    const documents: Record<string, OpenApiDocument> = {};
    for (const entry of manifest.versions) documents[entry.version] = await loadDocument(entry.version, 'dereferenced');
    expect(declaredPaths(documents, '1.0')).toEqual({
      lacking: [...LACKING_IN_1_0],
      differing: [...DIFFERING_IN_1_0].sort(),
    });
    expect(declaredPaths(documents, '1.1')).toEqual({ lacking: [], differing: [...DIFFERING_IN_1_1].sort() });
    expect(Object.keys(clientFactories)).toEqual(manifest.versions.map((entry) => entry.version));
    expect(Object.keys(operationTables)).toEqual(Object.keys(clientFactories));
  });
});
