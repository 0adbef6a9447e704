/**
 * The SKE client every generated package's `createSkeClient` returns: one method per operation of
 * its version (from the generated operation table), plus a kubeconfig convenience for each operation
 * the spec marks with `x-scp-convenience` (e.g. `getUserKubeconfig`), which checks the body is a
 * kubeconfig and reads its server and contexts; `paginate.<operationId>` for each list that pages
 * (`x-scp-pagination`) and `waitUntil.<waiter>` for each waiter (`x-scp-waiters`), whose code is loaded on
 * their first use. (The openapi-fetch client is the separate `./raw` entry.)
 */
import type { SkeClientOptions } from './client-options.js';
import { connectVersion } from './connect-version.js';
import type { VersionContract } from './contract.js';
import { readKubeconfig } from './kubeconfig.js';
import type {
  CallOptions,
  InputOptions,
  OperationMethods,
  OperationTable,
  OperationTypes,
  OperationTypeTable,
  PaginatorMethods,
  WaiterMethods,
  WaiterTypes,
} from './operation.js';
import { type OperationCall, operationMethods } from './operation-methods.js';
import { requestTarget } from './request-target.js';

export interface KubeconfigResult {
  /** The kubeconfig document, as the service sent it. */
  kubeconfig: string;
  /** The API server URL of its current context. */
  server: string;
  contexts: string[];
  /** The version that answered, e.g. `ske 1.3`. */
  apiVersion: string;
  requestId?: string;
}

/** The kubeconfig conveniences of a version: method name → the operationId it is built on. */
export type KubeconfigMethods<
  Operations extends OperationTypeTable<Operations>,
  Conveniences extends { [Name in keyof Conveniences]: keyof Operations },
> = {
  readonly [Name in keyof Conveniences]: (
    input: Operations[Conveniences[Name]]['input'] & InputOptions,
    options?: CallOptions,
  ) => Promise<KubeconfigResult>;
};

/**
 * A client of one version: its identity, one method per operation, the kubeconfig conveniences, the
 * paginators (`paginate`) and the waiters (`waitUntil`).
 */
export type SkeClient<
  Operations extends OperationTypeTable<Operations> = { [operationId: string]: OperationTypes },
  Conveniences extends { [Name in keyof Conveniences]: keyof Operations } = Record<never, never>,
  Paginated extends { [Id in keyof Paginated]: string } = Record<never, never>,
  Waiters extends { [Name in keyof Waiters]: WaiterTypes<keyof Operations> } = Record<never, never>,
> = {
  readonly apiVersion: string;
  readonly baseUrl: string;
  /** One paginator per list that pages: `for await (const cluster of client.paginate.listClusters({ size: 50 }))`. */
  readonly paginate: PaginatorMethods<Operations, Paginated>;
  /** One waiter per entry of the spec's `x-scp-waiters`: `await client.waitUntil.clusterRunning({ clusterId })`. */
  readonly waitUntil: WaiterMethods<Operations, Waiters>;
} & OperationMethods<Operations> &
  KubeconfigMethods<Operations, Conveniences>;

function kubeconfigMethod(call: OperationCall) {
  return async (input: unknown, options?: CallOptions): Promise<KubeconfigResult> => {
    const { data, apiVersion, requestId } = await call(input, options);
    const { server, contexts } = await readKubeconfig(data as string);
    return { kubeconfig: data as string, server, contexts, apiVersion, ...(requestId && { requestId }) };
  };
}

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export function createVersionedClient<Client = SkeClient>(
  contract: VersionContract,
  operations: OperationTable,
  options: SkeClientOptions = {},
): Client {
  const connection = connectVersion(contract, options);
  const methods = operationMethods(operations, connection, contract.apiVersion);
  const paginate: Record<string, unknown> = {};
  const waitUntil: Record<string, unknown> = {};
  const client: Record<string, unknown> = {
    apiVersion: contract.apiVersion,
    baseUrl: connection.baseUrl,
    paginate,
    waitUntil,
    ...methods,
  };
  for (const [id, operation] of Object.entries(operations)) {
    const call = methods[id] as OperationCall;
    if (operation.convenience) client[operation.convenience] = kubeconfigMethod(call);
    const { pagination, waiters = {} } = operation;
    if (pagination) {
      paginate[id] = async function* (input?: unknown, options?: CallOptions) {
        yield* (await import('./paginate.js')).paginate(call, pagination.items, input, options);
      };
    }
    for (const [name, waiter] of Object.entries(waiters)) {
      waitUntil[name] = async (input: unknown, options?: unknown) => {
        // The arguments are checked now, not after the first poll's delay.
        requestTarget(operation, input);
        return (await import('./wait.js')).waitFor(call, name, operation.resource as string, waiter, input, options);
      };
    }
  }
  return client as Client;
}
