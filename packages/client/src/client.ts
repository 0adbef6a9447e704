/**
 * The SKE client every generated package's `createSkeClient` returns: one method per operation of
 * its version (from the generated operation table), plus a kubeconfig convenience for each operation
 * the spec marks with `x-scp-convenience` (e.g. `getUserKubeconfig`), which checks the body is a
 * kubeconfig and reads its server and contexts. (The openapi-fetch client is the separate `./raw` entry.)
 */
import type { SkeClientOptions } from './client-options.js';
import { connectVersion } from './connect-version.js';
import type { VersionContract } from './contract.js';
import { readKubeconfig } from './kubeconfig.js';
import type { CallOptions, OperationMethods, OperationTable, OperationTypes, OperationTypeTable } from './operation.js';
import { type OperationCall, operationMethods } from './operation-methods.js';

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
    input: Operations[Conveniences[Name]]['input'] & CallOptions,
  ) => Promise<KubeconfigResult>;
};

/** A client of one version: its identity, one method per operation, and the kubeconfig conveniences. */
export type SkeClient<
  Operations extends OperationTypeTable<Operations> = { [operationId: string]: OperationTypes },
  Conveniences extends { [Name in keyof Conveniences]: keyof Operations } = Record<never, never>,
> = { readonly apiVersion: string; readonly baseUrl: string } & OperationMethods<Operations> &
  KubeconfigMethods<Operations, Conveniences>;

function kubeconfigMethod(call: OperationCall) {
  return async (input: unknown): Promise<KubeconfigResult> => {
    const { data, apiVersion, requestId } = await call(input);
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
  const client: Record<string, unknown> = { apiVersion: contract.apiVersion, baseUrl: connection.baseUrl, ...methods };
  for (const [id, operation] of Object.entries(operations)) {
    if (operation.convenience) client[operation.convenience] = kubeconfigMethod(methods[id] as OperationCall);
  }
  return client as Client;
}
