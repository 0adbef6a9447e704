/**
 * @scp-ske/client: the runtime shared by the per-version SKE clients (`@scp-ske/client-1.x`).
 * Install a version's package; it re-exports what you need from here. The openapi-fetch client is
 * the separate `@scp-ske/client/raw` entry.
 */
export { BrowserNotAllowedError } from './browser-guard.js';
export { type ArgumentSchema, conforms, describeSchema } from './check-argument.js';
export { createVersionedClient, type KubeconfigMethods, type KubeconfigResult, type SkeClient } from './client.js';
export type { LogLevel, SkeClientOptions, SkeLogger } from './client-options.js';
export type { VersionContract } from './contract.js';
export { type EndpointOptions, resolveEndpoint } from './endpoint.js';
export {
  CredentialsNotFoundError,
  isSkeApiError,
  NetworkError,
  RedirectRefusedError,
  ResponseFormatError,
  ResponseTooLargeError,
  SigningOptionError,
  SkeApiError,
  SkeError,
  SkeInputError,
  SkeTimeoutError,
  UnsupportedVersionError,
} from './errors.js';
export { KubeconfigFormatError, type KubeconfigSummary, readKubeconfig } from './kubeconfig.js';
export { checkLifecycle, resetLifecycleWarnings, WARNING_CODES } from './lifecycle-check.js';
export type {
  CallOptions,
  InputOptions,
  OperationMethod,
  OperationMethods,
  OperationSpec,
  OperationTable,
  OperationTypes,
  PageItem,
  PaginateOptions,
  PaginatorMethods,
  ParameterSpec,
  RequestBodySpec,
  SkeResponse,
  WaiterMethods,
  WaiterSpec,
  WaiterTypes,
  WaitOptions,
} from './operation.js';
export { checkArgument, requestTarget } from './request-target.js';
export {
  AmbiguousClusterError,
  AmbiguousNodepoolError,
  type Candidate,
  type ClusterLister,
  ClusterNotFoundError,
  type NamedSummary,
  type NodepoolLister,
  NodepoolNotFoundError,
  type ResolvedCluster,
  type ResolveOptions,
  resolveCluster,
  resolveNodepool,
} from './resolve.js';
export { SkeWaitFailedError, SkeWaitTimeoutError } from './wait-errors.js';
export { DEFAULT_WAIT_SCHEDULE, type WaitSchedule, waitDelay } from './wait-schedule.js';
