/**
 * The SKE client every generated package's `createSkeClient` returns: `getUserKubeconfig`, which
 * validates its arguments, sends one signed GET with the version header, reads the body as text
 * and checks that it is a kubeconfig. (The openapi-fetch client is the separate `./raw` entry.)
 */
import { createSignedGet } from '@scp-ske/signing';
import type { SkeClientOptions } from './client-options.js';
import { connectVersion } from './connect-version.js';
import type { VersionContract } from './contract.js';
import { SkeApiError, SkeInputError } from './errors.js';
import { readKubeconfig } from './kubeconfig.js';

export interface GetUserKubeconfigInput<KubeconfigType extends string = string> {
  /** 32 lower-case hexadecimal digits. */
  clusterId: string;
  /** Which API server endpoint the kubeconfig points at. */
  kubeconfigType: KubeconfigType;
  signal?: AbortSignal;
}

export interface UserKubeconfig {
  /** The kubeconfig document, as the service sent it. */
  kubeconfig: string;
  /** The API server URL of its current context. */
  server: string;
  contexts: string[];
  /** The version that answered, e.g. `ske 1.3`. */
  apiVersion: string;
  requestId?: string;
}

export interface SkeClient<KubeconfigType extends string = string> {
  readonly apiVersion: string;
  readonly baseUrl: string;
  getUserKubeconfig(input: GetUserKubeconfigInput<KubeconfigType>): Promise<UserKubeconfig>;
}

function validateInput(contract: VersionContract, clusterId: RegExp, input: GetUserKubeconfigInput): void {
  const { clusterIdPattern, kubeconfigTypes } = contract.operation;
  if (input === null || typeof input !== 'object') {
    throw new SkeInputError('input', 'an object { clusterId, kubeconfigType }');
  }
  if (typeof input.clusterId !== 'string' || !clusterId.test(input.clusterId)) {
    throw new SkeInputError('clusterId', `a cluster id matching ${clusterIdPattern} (32 lower-case hex digits)`);
  }
  if (!kubeconfigTypes.includes(input.kubeconfigType)) {
    throw new SkeInputError('kubeconfigType', `one of ${kubeconfigTypes.map((type) => `"${type}"`).join(', ')}`);
  }
}

export function createVersionedClient<KubeconfigType extends string = string>(
  contract: VersionContract,
  options: SkeClientOptions = {},
): SkeClient<KubeconfigType> {
  const { baseUrl, signing, versionHeader } = connectVersion(contract, options);
  const signedGet = createSignedGet(signing);
  const clusterIdPattern = new RegExp(contract.operation.clusterIdPattern);
  const [beforeId, afterId] = contract.operation.path.split('{cluster_id}') as [string, string];
  const urlStart = `${baseUrl}${beforeId}`;
  const urlEnd = `${afterId}?kubeconfig_type=`;

  return {
    apiVersion: contract.apiVersion,
    baseUrl,
    async getUserKubeconfig(input) {
      validateInput(contract, clusterIdPattern, input);
      // A signed GET: no Request object, and no fetch unless one was given.
      const url = `${urlStart}${encodeURIComponent(input.clusterId)}${urlEnd}${encodeURIComponent(input.kubeconfigType)}`;
      const response = await signedGet(url, { headers: versionHeader, signal: input.signal });
      const body = await response.text();
      if (!response.ok) throw SkeApiError.fromResponse(response, body, contract.apiVersion);
      const { server, contexts } = readKubeconfig(body);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      return { kubeconfig: body, server, contexts, apiVersion: contract.apiVersion, ...(requestId && { requestId }) };
    },
  };
}
