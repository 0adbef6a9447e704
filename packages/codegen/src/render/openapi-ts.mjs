// @ts-check
/** A client package's `src/generated/openapi.ts`: openapi-typescript's types of the version's bundled document. */
import openapiTS, { astToString } from 'openapi-typescript';
import { HEADER_COMMENT } from './text.mjs';

/** @import { OpenAPI3 } from 'openapi-typescript' */
/** @import { Client } from '../model.mjs' */

/** @param {Client} client */
export async function renderOpenapiTypes(client) {
  const types = astToString(await openapiTS(/** @type {OpenAPI3} */ (client.document), { alphabetize: true }));
  return `${HEADER_COMMENT}\n// Source: @scp-ske/spec/${client.source}\n\n${types}`;
}
