/**
 * Type-level proof that every version's generated `paths` describe the same operations: the same
 * paths and methods, and for each operation identical parameters (path and query) and responses.
 * Only the `Scp-Api-Version` header differs, as it must. Checked by `tsc` (the typecheck task); the
 * runtime assertion keeps vitest honest.
 */
import { manifest } from '@scp-ske/spec';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { clientFactories, operationTables, type PathsByVersion } from './generated/clients.js';

type Version = keyof PathsByVersion;
type UserKubeconfig<V extends Version> = PathsByVersion[V]['/v1/clusters/{cluster_id}/user-kubeconfig']['get'];
/** What must agree of one operation: its parameters but the headers, and its responses. */
type OperationShape<Operation> = Operation extends { parameters: infer Parameters; responses: infer Responses }
  ? { parameters: Omit<Parameters, 'header'>; responses: Responses }
  : Operation;
/**
 * What must agree across versions: every path, every method, every operation's shape. Written as
 * conditional types on purpose: TypeScript then compares two versions structurally instead of by the
 * variance of a type parameter ('1.0' vs '1.3').
 */
type Shape<V extends Version> = {
  [Path in keyof PathsByVersion[V]]: {
    [Method in keyof PathsByVersion[V][Path]]: OperationShape<PathsByVersion[V][Path][Method]>;
  };
};
/** The versions whose shape differs from the current one's (distributes over the union): never when all agree. */
type Mismatched<V extends Version = Version> = V extends Version
  ? [Shape<V>] extends [Shape<'1.3'>]
    ? [Shape<'1.3'>] extends [Shape<V>]
      ? never
      : V
    : V
  : never;

describe('generated clients', () => {
  it('describe the same operations in every version, apart from the version header', () => {
    expectTypeOf<Mismatched>().toEqualTypeOf<never>();
    expectTypeOf<keyof PathsByVersion['1.0']>().toEqualTypeOf<keyof PathsByVersion['1.3']>();
    expectTypeOf<UserKubeconfig<'1.0'>['parameters']['header']>().not.toEqualTypeOf<
      UserKubeconfig<'1.3'>['parameters']['header']
    >();
    expectTypeOf<NonNullable<UserKubeconfig<'1.2'>['parameters']['header']>['Scp-Api-Version']>().toEqualTypeOf<
      'ske 1.2' | undefined
    >();
    expect(Object.keys(clientFactories)).toEqual(manifest.versions.map((entry) => entry.version));
    expect(Object.keys(operationTables)).toEqual(Object.keys(clientFactories));
  });
});
