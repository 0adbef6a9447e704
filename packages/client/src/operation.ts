/**
 * One operation of a version, as data: what the generator writes from the bundled spec for every
 * operation (`src/generated/operations.ts` of each client package) and the one runtime
 * (`operation-methods.ts`) turns into a method. Adding an operation to the spec adds a row, never code.
 */
import type { AttemptEvent } from '@scp-ske/signing';
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
  /** A list that pages with `page` and `size` (`x-scp-pagination`): the property of its answer holding the items. */
  readonly pagination?: { readonly items: string };
  /** The property of a show operation's answer holding the resource its waiters read `status` from (`x-scp-resource`). */
  readonly resource?: string;
  /** The waiters polling this operation (`x-scp-waiters`), by name: `client.waitUntil.<name>`. */
  readonly waiters?: { readonly [name: string]: WaiterSpec };
}

/**
 * One waiter (`x-scp-waiters`): statuses compared case-insensitively; `"*"` among `pending` is any status
 * in neither `success` nor `failure`.
 * @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API.
 */
export interface WaiterSpec {
  readonly success?: readonly string[];
  readonly pending?: readonly string[];
  readonly failure?: readonly string[];
  /** What a 404 means: `success` (the resource is gone), else the wait fails. */
  readonly notFound?: 'success' | 'failure';
  /** Error statuses that mean the change is still under way (a nodepool being deleted may answer 500). */
  readonly pendingHttpStatuses?: readonly number[];
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

/**
 * A call's own options, its second argument: each over the client's option of the same name.
 * Checked before any network call (`SkeInputError` for an unknown key or a `signal` or `headers` of the wrong
 * type; `SigningOptionError` for a `timeoutMs` or `maxRetries` out of range).
 */
export interface CallOptions {
  /** Stops the call (the client's `signal` too). */
  signal?: AbortSignal | undefined;
  /** The deadline of the whole call, retries and reading the answer included; default the client's (60000). */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt; default the client's (`retry.maxRetries`, 2). */
  maxRetries?: number | undefined;
  /** Headers sent with this call (the signing headers are always the client's own). */
  headers?: Record<string, string> | undefined;
  /** Told of each attempt of this call (after the client's `onAttempt`); redact headers with `redactedHeaders`. */
  onAttempt?: ((event: AttemptEvent) => void) | undefined;
}

/** What an operation's input object takes besides its arguments. */
export interface InputOptions {
  /** @deprecated Pass `signal` in the call's options, the second argument; still honoured here. */
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
    ? (input?: T['input'] & InputOptions, options?: CallOptions) => Promise<SkeResponse<T['data']>>
    : (input: T['input'] & InputOptions, options?: CallOptions) => Promise<SkeResponse<T['data']>>;

/** One method per operation, named by its operationId. */
export type OperationMethods<Operations extends OperationTypeTable<Operations>> = {
  readonly [Id in keyof Operations]: OperationMethod<Operations[Id]>;
};

/** The item type of a list operation's answer `Data`, whose property `Items` holds the page. */
export type PageItem<Data, Items> = Items extends keyof Data
  ? NonNullable<Data[Items]> extends readonly (infer Item)[]
    ? Item
    : never
  : never;

/** What `client.paginate.<operationId>` takes besides its arguments: the options of every page's call. */
export type PaginateOptions = CallOptions;

/** One paginator per list that pages (`x-scp-pagination`): an async iterable of its items, pages fetched as they are read. */
export type PaginatorMethods<
  Operations extends OperationTypeTable<Operations>,
  Paginated extends { [Id in keyof Paginated]: string },
> = {
  readonly [Id in keyof Paginated & keyof Operations]: Record<never, never> extends Operations[Id]['input']
    ? (
        input?: Operations[Id]['input'],
        options?: PaginateOptions,
      ) => AsyncIterable<PageItem<Operations[Id]['data'], Paginated[Id]>>
    : (
        input: Operations[Id]['input'],
        options?: PaginateOptions,
      ) => AsyncIterable<PageItem<Operations[Id]['data'], Paginated[Id]>>;
};

/**
 * What a waiter takes. Polls follow `waitDelay`: the first after `initialDelayMs`, then from `minDelayMs`
 * doubling up to `maxDelayMs` (2 s, then 3 s, 6 s, 10 s, 10 s …, as SCP's Terraform provider polls), or after
 * the `Retry-After` an answer asks for when it is longer.
 */
export interface WaitOptions {
  /** How long to wait in all, polls included; then `SkeWaitTimeoutError`. Default 7200000 (two hours, as SCP's Terraform provider). */
  timeoutMs?: number | undefined;
  /** Stops waiting (rejects with its reason). */
  signal?: AbortSignal | undefined;
  /** Told of every status a poll reads, with the time since the wait began. */
  onProgress?: ((status: string, elapsedMs: number) => void) | undefined;
  /** Before the first poll. Default 2000. */
  initialDelayMs?: number | undefined;
  /** Between the first and second polls; doubled after each poll up to `maxDelayMs`. Default 3000. */
  minDelayMs?: number | undefined;
  /** The longest wait between polls. Default 10000. */
  maxDelayMs?: number | undefined;
}

/** A waiter's types: the operation it polls, and whether it waits for the resource to be gone (a 404). */
export interface WaiterTypes<OperationId> {
  operation: OperationId;
  gone: boolean;
}

/** One waiter per entry of `x-scp-waiters`: resolves with the last answer of the operation it polls. */
export type WaiterMethods<
  Operations extends OperationTypeTable<Operations>,
  Waiters extends { [Name in keyof Waiters]: WaiterTypes<keyof Operations> },
> = {
  readonly [Name in keyof Waiters]: (
    input: Operations[Waiters[Name]['operation']]['input'],
    options?: WaitOptions,
  ) => Promise<
    Waiters[Name]['gone'] extends true
      ? SkeResponse<Operations[Waiters[Name]['operation']]['data']> | undefined
      : SkeResponse<Operations[Waiters[Name]['operation']]['data']>
  >;
};
