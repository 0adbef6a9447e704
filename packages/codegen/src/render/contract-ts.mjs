// @ts-check
/** A client package's `src/generated/contract.ts`: the version's lifecycle and server, as data. */
import { HEADER_COMMENT } from './text.mjs';

/** @import { Client } from '../model.mjs' */

/** @param {Client} client */
export function renderContract(client) {
  return `${HEADER_COMMENT}
import type { VersionContract } from '@scp-ske/client';

export const contract = ${JSON.stringify(client.contract, null, 2)} as const satisfies VersionContract;
`;
}
