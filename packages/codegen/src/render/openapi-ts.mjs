// @ts-check
/**
 * A client package's `src/generated/openapi.ts`: openapi-typescript's types of the version's bundled
 * document, with the headers the client sets itself (`Scp-Api-Version`, required by the document;
 * `Accept-Language`) made optional: the raw (openapi-fetch) client's middleware sends them, so its
 * callers need not.
 */
import openapiTS, { astToString } from 'openapi-typescript';
import { MANAGED_HEADERS } from '../model.mjs';
import { HEADER_COMMENT } from './text.mjs';

/** @import { OpenAPI3 } from 'openapi-typescript' */
/** @import { Client } from '../model.mjs' */

/**
 * A copy of `document` whose managed header parameters (components and inline) are optional.
 * @param {any} document
 */
export function withManagedHeadersOptional(document) {
  const copy = structuredClone(document);
  /** @param {any} parameter */
  const relax = (parameter) => {
    if (parameter?.in === 'header' && MANAGED_HEADERS.has(String(parameter.name).toLowerCase())) {
      parameter.required = false;
    }
  };
  for (const parameter of Object.values(copy.components?.parameters ?? {})) relax(parameter);
  for (const item of Object.values(copy.paths ?? {})) {
    for (const value of Object.values(/** @type {Record<string, any>} */ (item))) {
      if (Array.isArray(value)) value.forEach(relax);
      else for (const parameter of value?.parameters ?? []) relax(parameter);
    }
  }
  return copy;
}

/** @param {Client} client */
export async function renderOpenapiTypes(client) {
  const document = /** @type {OpenAPI3} */ (withManagedHeadersOptional(client.document));
  const types = astToString(await openapiTS(document, { alphabetize: true }));
  return `${HEADER_COMMENT}\n// Source: @scp-ske/spec/${client.source}\n\n${types}`;
}
