/**
 * Type-level proof that every version's generated `paths` describe the same operation: parameters
 * (path and query) and responses are identical types. Only the `Scp-Api-Version` header differs,
 * as it must. Checked by `tsc` (the typecheck task); the runtime assertion keeps vitest honest.
 */
import { manifest } from '@scp-ske/spec';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { clientFactories, type PathsByVersion } from './generated/clients.js';

type Version = keyof PathsByVersion;
type Operation<V extends Version> = PathsByVersion[V]['/v1/clusters/{cluster_id}/user-kubeconfig']['get'];
/**
 * What must agree across versions. Written as a conditional type on purpose: TypeScript then compares
 * two versions structurally instead of by the variance of a type parameter ('1.0' vs '1.3').
 */
type Shape<V extends Version> =
  Operation<V> extends {
    parameters: { path: infer Path; query: infer Query };
    responses: infer Responses;
  }
    ? { path: Path; query: Query; responses: Responses }
    : never;
/** The versions whose shape differs from the current one's (distributes over the union): never when all agree. */
type Mismatched<V extends Version = Version> = V extends Version
  ? [Shape<V>] extends [Shape<'1.3'>]
    ? [Shape<'1.3'>] extends [Shape<V>]
      ? never
      : V
    : V
  : never;

describe('generated clients', () => {
  it('describe the same operation in every version, apart from the version header', () => {
    expectTypeOf<Mismatched>().toEqualTypeOf<never>();
    expectTypeOf<Operation<'1.0'>['parameters']['header']>().not.toEqualTypeOf<
      Operation<'1.3'>['parameters']['header']
    >();
    expectTypeOf<NonNullable<Operation<'1.2'>['parameters']['header']>['Scp-Api-Version']>().toEqualTypeOf<
      'ske 1.2' | undefined
    >();
    expect(Object.keys(clientFactories)).toEqual(manifest.versions.map((entry) => entry.version));
  });
});
