/**
 * @scp-ske/client: the runtime shared by the per-version SKE clients (`@scp-ske/client-1.x`).
 * Install a version's package; it re-exports what you need from here. The openapi-fetch client is
 * the separate `@scp-ske/client/raw` entry.
 */
export { parseBlockYaml, YamlSubsetError, type YamlValue } from './block-yaml.js';
export {
  createVersionedClient,
  type GetUserKubeconfigInput,
  type SkeClient,
  type UserKubeconfig,
} from './client.js';
export type { SkeClientOptions } from './client-options.js';
export type { VersionContract } from './contract.js';
export { type EndpointOptions, resolveEndpoint } from './endpoint.js';
export { SkeApiError, SkeInputError, UnsupportedVersionError } from './errors.js';
export { KubeconfigFormatError, type KubeconfigSummary, readKubeconfig } from './kubeconfig.js';
export { checkLifecycle, resetLifecycleWarnings, WARNING_CODES } from './lifecycle-check.js';
