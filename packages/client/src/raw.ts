/**
 * @scp-ske/client/raw: the openapi-fetch client of one version, typed with its `paths`, with
 * signing, the version header, retries and the lifecycle gate installed. A separate entry, so that
 * an application that only calls `getUserKubeconfig` does not ship openapi-fetch.
 */
import { createSignedFetch } from '@scp-ske/signing';
import createClient, { type Client } from 'openapi-fetch';
import type { SkeClientOptions } from './client-options.js';
import { connectVersion } from './connect-version.js';
import type { VersionContract } from './contract.js';

/** An openapi-fetch client of one version's `paths`. */
export type RawClient<Paths extends {}> = Client<Paths>;

export function createVersionedRawClient<Paths extends {}>(
  contract: VersionContract,
  options: SkeClientOptions = {},
): RawClient<Paths> {
  const { baseUrl, signing, versionHeader } = connectVersion(contract, options);
  return createClient<Paths>({ baseUrl, fetch: createSignedFetch(signing), headers: versionHeader });
}
