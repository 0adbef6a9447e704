// @ts-check
/** A client package's `src/raw.ts`: the `./raw` entry, the version's openapi-fetch client. */
import { HEADER_COMMENT } from './text.mjs';

/** @import { Client } from '../model.mjs' */

/** @param {Client} client */
export function renderRaw(client) {
  const { apiVersion, packageName } = client;
  return `${HEADER_COMMENT}
/**
 * ${packageName}/raw: the openapi-fetch client of the SKE API ${apiVersion}, typed with its
 * \`paths\`, with signing, the version header, retries and the lifecycle gate installed. A separate
 * entry, so that applications that only use \`createSkeClient\` do not ship openapi-fetch.
 */
import type { SkeClientOptions } from '@scp-ske/client';
import { type RawClient as BaseRawClient, createVersionedRawClient } from '@scp-ske/client/raw';
import { contract } from './generated/contract.js';
import type { paths } from './generated/openapi.js';

/** The openapi-fetch client of ${apiVersion}. */
export type RawClient = BaseRawClient<paths>;

/** Creates the openapi-fetch client of ${apiVersion}; refuses (before any network call) once this version is no longer served. */
export function createRawClient(options?: SkeClientOptions): RawClient {
  return createVersionedRawClient<paths>(contract, options);
}
`;
}
