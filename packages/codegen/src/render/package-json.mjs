// @ts-check
/** A client package's `package.json`: the published manifest of one version's client. */
import { jsonFile } from './text.mjs';

/** @import { Client, Model } from '../model.mjs' */

/**
 * @param {Client} client
 * @param {Model} model
 * @param {{ packageVersion: string }} options `packageVersion`: changesets owns it once the package exists.
 */
export function renderPackageJson(client, model, { packageVersion }) {
  return jsonFile({
    name: client.packageName,
    version: packageVersion,
    description: `Typed client for the Samsung Cloud Platform SKE API ${client.apiVersion} (${client.state}), generated from its OpenAPI description`,
    keywords: ['samsung-cloud-platform', 'scp', 'ske', 'kubernetes', 'kubeconfig', 'openapi'],
    license: 'Apache-2.0',
    type: 'module',
    sideEffects: false,
    engines: { node: '^20.19.0 || >=22.12.0' },
    exports: {
      '.': { types: './dist/index.d.mts', default: './dist/index.mjs' },
      './raw': { types: './dist/raw.d.mts', default: './dist/raw.mjs' },
      './package.json': './package.json',
    },
    types: './dist/index.d.mts',
    files: ['dist'],
    scripts: {
      lint: 'biome check .',
      build: 'tsdown',
      typecheck: 'tsc -p tsconfig.json',
      'api-report': 'node ../../tools/api-reports/src/api-report.mjs',
    },
    dependencies: { '@scp-ske/client': 'workspace:^' },
    devDependencies: {
      '@types/node': 'catalog:',
      tsdown: 'catalog:',
      typescript: 'catalog:',
    },
    scp: { service: model.service, apiVersion: client.version },
  });
}
