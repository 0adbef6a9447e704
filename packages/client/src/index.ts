/**
 * @scp-ske/client: the runtime shared by the per-version SKE clients (`@scp-ske/client-1.x`).
 * Install a version's package; it re-exports what you need from here. The openapi-fetch client is
 * the separate `@scp-ske/client/raw` entry.
 */
export { BrowserNotAllowedError } from './browser-guard.js';
export { type ArgumentSchema, conforms, describeSchema } from './check-argument.js';
export { createVersionedClient, type KubeconfigMethods, type KubeconfigResult, type SkeClient } from './client.js';
export type { SkeClientOptions } from './client-options.js';
export type { VersionContract } from './contract.js';
export { type EndpointOptions, resolveEndpoint } from './endpoint.js';
export {
  CredentialsNotFoundError,
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
  OperationMethod,
  OperationMethods,
  OperationSpec,
  OperationTable,
  OperationTypes,
  ParameterSpec,
  RequestBodySpec,
  SkeResponse,
} from './operation.js';
export { checkArgument, requestTarget } from './request-target.js';
