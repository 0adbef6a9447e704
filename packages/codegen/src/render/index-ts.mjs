// @ts-check
/** A client package's `src/index.ts`: its main entry, `createSkeClient` of the version and its types. */
import { HEADER_COMMENT } from './text.mjs';

/** @import { Client } from '../model.mjs' */

/** What every client re-exports from the runtime: its options, results and errors. */
const RUNTIME_EXPORTS = [
  'AmbiguousClusterError',
  'AmbiguousNodepoolError',
  'BrowserNotAllowedError',
  'type CallOptions',
  'ClusterNotFoundError',
  'CredentialsNotFoundError',
  'isSkeApiError',
  'KubeconfigFormatError',
  'type KubeconfigResult',
  'type LogLevel',
  'NetworkError',
  'NodepoolNotFoundError',
  'type PaginateOptions',
  'RedirectRefusedError',
  'ResponseFormatError',
  'ResponseTooLargeError',
  'resolveCluster',
  'resolveNodepool',
  'SigningOptionError',
  'SkeApiError',
  'type SkeClientOptions',
  'SkeError',
  'SkeInputError',
  'type SkeLogger',
  'type SkeResponse',
  'SkeTimeoutError',
  'SkeWaitFailedError',
  'SkeWaitTimeoutError',
  'UnsupportedVersionError',
  'type WaitOptions',
  'WARNING_CODES',
  'waitDelay',
];

/** @param {Client} client */
export function renderIndex(client) {
  const { apiVersion, packageName, state, notBefore } = client;
  return `${HEADER_COMMENT}
/**
 * ${packageName}: typed client for the SKE API ${apiVersion} (${state}${notBefore ? `, Not Before ${notBefore}` : ''}).
 * Its operations and types are generated from this version's OpenAPI document; the runtime is
 * @scp-ske/client. The openapi-fetch client of this version is the \`./raw\` entry.
 */
import { type SkeClient as BaseSkeClient, createVersionedClient, type SkeClientOptions } from '@scp-ske/client';
import { contract } from './generated/contract.js';
import {
  type Conveniences,
  OPERATIONS,
  type Operations,
  type Paginated,
  type Waiters,
} from './generated/operations.js';

export {
${RUNTIME_EXPORTS.map((name) => `  ${name},`).join('\n')}
} from '@scp-ske/client';
export type { components, operations, paths } from './generated/openapi.js';
export { contract, OPERATIONS, type Operations };

/** The \`Scp-Api-Version\` this client sends. */
export const API_VERSION = '${apiVersion}';

/** The operationIds of ${apiVersion}. */
export type OperationId = keyof Operations;
/** The arguments of one operation (camelCase), as its method takes them. */
export type OperationInput<Id extends OperationId> = Operations[Id]['input'];
/** The success body of one operation: the schema's type for JSON, \`string\` for text. */
export type OperationData<Id extends OperationId> = Operations[Id]['data'];
/** A client of ${apiVersion}: one method per operation, the kubeconfig conveniences, the paginators and the waiters. */
export type SkeClient = BaseSkeClient<Operations, Conveniences, Paginated, Waiters>;

/** Creates a client of ${apiVersion}; refuses (before any network call) once this version is no longer served. */
export function createSkeClient(options?: SkeClientOptions): SkeClient {
  return createVersionedClient<SkeClient>(contract, OPERATIONS, options);
}
`;
}
