/**
 * What only the compiler can check, for every version's client and every operation of its table at
 * once: each method resolves to the spec's response type (read through `paths` at the table's path,
 * method, status and content type), takes exactly the table's arguments (and `body` where it has a
 * request body) with exactly its required ones required (a call without one does not compile), and each
 * openapi-fetch client accepts the
 * table's paths and no other. `pnpm typecheck` checks this file; a mismatch fails it and names the
 * version, the operation and the check.
 */
import { describe, expect, it } from 'vitest';
import type { clientFactories, operationTables, PathsByVersion, rawClientFactories } from './generated/clients.js';

type Version = keyof typeof clientFactories;
type Table<V extends Version> = (typeof operationTables)[V];
type OperationId<V extends Version> = keyof Table<V> & string;
type Client<V extends Version> = ReturnType<(typeof clientFactories)[V]>;
type RawClient<V extends Version> = ReturnType<(typeof rawClientFactories)[V]>;

/** `T[K]`, or never when K is not a key of T. */
type At<T, K> = K extends keyof T ? T[K] : never;
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** True for the types a check would pass vacuously on. */
type IsVacuous<T> = 0 extends 1 & T ? true : [T] extends [never] ? true : unknown extends T ? true : false;

/** What a method resolves to, and what it takes. */
type DataOf<Method> = Method extends (...args: never[]) => Promise<{ data: infer Data }> ? Data : never;
type InputOf<Method> = Method extends (input: infer Input) => unknown ? NonNullable<Input> : never;
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];
/** The first argument of an openapi-fetch method: the paths it accepts. */
type PathsOf<Method> = Method extends (path: infer Path, ...rest: never[]) => unknown ? Path : never;

/** The spec's type of an operation's success body: from `paths`, where the table says; `string` without a body. */
type SpecData<V extends Version, Operation> = Operation extends {
  path: infer Path;
  method: infer Method extends string;
  success: { status: infer Status; contentType: infer ContentType };
}
  ? ContentType extends ''
    ? string
    : At<At<At<At<At<At<PathsByVersion[V], Path>, Lowercase<Method>>, 'responses'>, Status>, 'content'>, ContentType>
  : never;
type ParameterOf<Operation> = Operation extends { parameters: readonly (infer Parameter)[] } ? Parameter : never;
type KeysOf<Parameter> = Parameter extends { key: infer Key } ? Key : never;
/** The table's arguments: its parameters' keys, and `body` when it takes a request body (required or not). */
type ArgumentKeys<Operation> = KeysOf<ParameterOf<Operation>> | (Operation extends { body: object } ? 'body' : never);
type RequiredArgumentKeys<Operation> =
  | KeysOf<Extract<ParameterOf<Operation>, { required: true }>>
  | (Operation extends { body: { required: true } } ? 'body' : never);

/** Every failed check of one operation, as `<version> <operationId>: <check>`. */
type OperationMismatch<V extends Version, Id extends OperationId<V>, Operation = Table<V>[Id]> =
  | (IsVacuous<DataOf<At<Client<V>, Id>>> extends true ? `${V} ${Id}: the method resolves to no typed data` : never)
  | (Equals<DataOf<At<Client<V>, Id>>, SpecData<V, Operation>> extends true
      ? never
      : `${V} ${Id}: data is not the spec's response type`)
  | (Equals<Exclude<keyof InputOf<At<Client<V>, Id>>, 'signal'>, ArgumentKeys<Operation>> extends true
      ? never
      : `${V} ${Id}: the arguments are not the table's`)
  | (Equals<Exclude<RequiredKeys<InputOf<At<Client<V>, Id>>>, 'signal'>, RequiredArgumentKeys<Operation>> extends true
      ? never
      : `${V} ${Id}: the required arguments are not the table's`)
  | (At<Operation, 'path'> extends PathsOf<At<RawClient<V>, At<Operation, 'method'>>>
      ? never
      : `${V} ${Id}: the openapi-fetch client refuses its path`);

/** What a paginator yields, and what a waiter resolves to. */
type ItemOf<Paginator> = Paginator extends (...args: never[]) => AsyncIterable<infer Item> ? Item : never;
type WaitedOf<Waiter> = Waiter extends (...args: never[]) => Promise<infer Result>
  ? NonNullable<Result> extends { data: infer Data }
    ? Data
    : never
  : never;
/** The spec's type of one item of a list that pages: the array its `x-scp-pagination.items` names. */
type SpecItem<V extends Version, Operation> = Operation extends { pagination: { items: infer Items } }
  ? NonNullable<At<SpecData<V, Operation>, Items>> extends readonly (infer Item)[]
    ? Item
    : never
  : never;
type PagedIds<V extends Version> = {
  [Id in OperationId<V>]: Table<V>[Id] extends { pagination: object } ? Id : never;
}[OperationId<V>];
type WaiterNames<V extends Version> = {
  [Id in OperationId<V>]: Table<V>[Id] extends { waiters: infer Waiters } ? keyof Waiters & string : never;
}[OperationId<V>];
/** The show operation a waiter polls, from the table. */
type WaitedOperation<V extends Version, Name> = {
  [Id in OperationId<V>]: Table<V>[Id] extends { waiters: infer Waiters }
    ? Name extends keyof Waiters
      ? Id
      : never
    : never;
}[OperationId<V>];

/** Every failed check of the paginators and waiters of one version. */
type ExtraMismatch<V extends Version> =
  | {
      [Id in PagedIds<V>]: IsVacuous<ItemOf<At<Client<V>['paginate'], Id>>> extends true
        ? `${V} ${Id}: the paginator yields no typed item`
        : Equals<ItemOf<At<Client<V>['paginate'], Id>>, SpecItem<V, Table<V>[Id]>> extends true
          ? never
          : `${V} ${Id}: the paginator's items are not the spec's`;
    }[PagedIds<V>]
  | {
      [Name in WaiterNames<V>]: Equals<
        WaitedOf<At<Client<V>['waitUntil'], Name>>,
        SpecData<V, Table<V>[WaitedOperation<V, Name>]>
      > extends true
        ? never
        : `${V} ${Name}: the waiter does not resolve to its operation's answer`;
    }[WaiterNames<V>]
  | (Equals<keyof Client<V>['paginate'], PagedIds<V>> extends true ? never : `${V}: paginate is not the table's lists`)
  | (Equals<keyof Client<V>['waitUntil'], WaiterNames<V>> extends true
      ? never
      : `${V}: waitUntil is not the table's waiters`);

type Mismatches = {
  [V in Version]:
    | { [Id in OperationId<V>]: OperationMismatch<V, Id> }[OperationId<V>]
    | ExtraMismatch<V>
    | ('/v1/no-such-path' extends PathsOf<RawClient<V>['GET']>
        ? `${V}: the openapi-fetch client accepts a path the spec does not describe`
        : never);
}[Version];

/** `'none'`, or every mismatch spelled out (a distributed copy, so that tsc's message lists them, not the alias). */
type Listed<Mismatch> = [Mismatch] extends [never] ? 'none' : Mismatch extends string ? `mismatch: ${Mismatch}` : never;

describe('the types of every version and operation', () => {
  it('match the spec and the operation tables (checked by tsc)', () => {
    // With a mismatch this does not compile, and tsc's message lists every mismatch.
    const mismatches: Listed<Mismatches> = 'none';
    expect(mismatches).toBe('none');
  });
});
