/**
 * One operation of a version, as data: what the generator writes from the bundled spec for every
 * operation (`src/generated/operations.ts` of each client package) and the one runtime
 * (`operation-methods.ts`) turns into a method. Adding an operation to the spec adds a row, never code.
 */
import type { ArgumentSchema } from './check-argument.js';

/**
 * One path, query or header parameter of an operation.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export interface ParameterSpec {
  /** The argument's name: the spec's name in camelCase (`cluster_id` → `clusterId`). */
  readonly key: string;
  /** The name on the wire. */
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  /** The spec's schema constraints: type, enum, pattern, bounds, lengths, items, anyOf. */
  readonly schema: ArgumentSchema;
  /** The spec's example, where the schema has a pattern (it makes the argument error specific). */
  readonly example?: string;
}

/**
 * An operation's request body: taken as the `body` argument and sent as written, as JSON.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export interface RequestBodySpec {
  /** The media type it is sent as, e.g. `application/json`. */
  readonly contentType: string;
  readonly required?: boolean;
}

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export interface OperationSpec {
  readonly method: string;
  /** The path template, e.g. `/v1/clusters/{cluster_id}`. */
  readonly path: string;
  /** In the spec's order, which is the order of the query string. */
  readonly parameters: readonly ParameterSpec[];
  /** The request body, when the operation takes one. */
  readonly body?: RequestBodySpec;
  /** The documented success answer: a JSON body is parsed, any other is text. */
  readonly success: { readonly status: number; readonly contentType: string };
  /** A kubeconfig convenience method built on this operation (`x-scp-convenience`), e.g. `getUserKubeconfig`. */
  readonly convenience?: string;
}

/**
 * Every operation of a version, by operationId.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export type OperationTable = { readonly [operationId: string]: OperationSpec };

/** The types of one operation, as the generator writes them from openapi-typescript's `operations`. */
export interface OperationTypes {
  /** Its arguments, in camelCase. */
  input: object;
  /** Its success body: the schema's type for JSON, `string` for text. */
  data: unknown;
}

/** A table of operation types by operationId (an interface satisfies it: no index signature needed). */
export type OperationTypeTable<Operations> = { [Id in keyof Operations]: OperationTypes };

/** What every call takes besides the operation's own arguments. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
}

/** What a call resolves to: the typed body, and what the answer said about itself. */
export interface SkeResponse<Data> {
  data: Data;
  status: number;
  /** `x-request-id`, to quote to SCP support. */
  requestId: string | undefined;
  /** The version that answered, e.g. `ske 1.3`. */
  apiVersion: string;
}

/** An operation's method: its input may be left out when no argument is required. */
export type OperationMethod<T extends OperationTypes> =
  Record<never, never> extends T['input']
    ? (input?: T['input'] & CallOptions) => Promise<SkeResponse<T['data']>>
    : (input: T['input'] & CallOptions) => Promise<SkeResponse<T['data']>>;

/** One method per operation, named by its operationId. */
export type OperationMethods<Operations extends OperationTypeTable<Operations>> = {
  readonly [Id in keyof Operations]: OperationMethod<Operations[Id]>;
};
