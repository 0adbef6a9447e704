// @ts-check
/** Every file of one version's client package, by path within the package: each from its renderer. */
import { CONFIG_FILES } from './configs.mjs';
import { renderContract } from './contract-ts.mjs';
import { renderIndex } from './index-ts.mjs';
import { renderOpenapiTypes } from './openapi-ts.mjs';
import { renderOperations } from './operations-ts.mjs';
import { renderPackageJson } from './package-json.mjs';
import { renderRaw } from './raw-ts.mjs';
import { renderReadme } from './readme.mjs';

/** @import { Client, Model } from '../model.mjs' */

/**
 * @param {Client} client
 * @param {Model} model
 * @param {{ packageVersion: string, license: string }} options The package's version, and the LICENSE it ships.
 * @returns {Promise<Record<string, string>>}
 */
export async function renderClientPackage(client, model, { packageVersion, license }) {
  return {
    'package.json': renderPackageJson(client, model, { packageVersion }),
    'README.md': renderReadme(client),
    LICENSE: license,
    ...CONFIG_FILES,
    'src/index.ts': renderIndex(client),
    'src/raw.ts': renderRaw(client),
    'src/generated/contract.ts': renderContract(client),
    'src/generated/operations.ts': renderOperations(client),
    'src/generated/openapi.ts': await renderOpenapiTypes(client),
  };
}
