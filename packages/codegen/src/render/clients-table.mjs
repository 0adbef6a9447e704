// @ts-check
/**
 * A consumer's `src/generated/clients.ts`: the version table of a workspace package that uses every
 * version's client (one import per client package, and by version: the factories, the operation
 * tables, the `paths` types, and, for consumers that ask for it, the openapi-fetch factories).
 */
import { HEADER_COMMENT } from './text.mjs';

/** @import { Client, Model } from '../model.mjs' */

/**
 * `1.3` → `1_3`: a version as part of an identifier.
 * @param {string} version
 */
const identifier = (version) => version.replace('.', '_');

/**
 * @param {Model} model
 * @param {{ raw: boolean }} options `raw`: also import every version's `./raw` entry.
 */
export function renderClientsTable({ clients }, { raw }) {
  /** @param {(client: Client, id: string) => string} line */
  const lines = (line) => clients.map((client) => line(client, identifier(client.version))).join('\n');
  const imports = [
    lines(
      ({ packageName }, id) =>
        `import { createSkeClient as create_${id}, OPERATIONS as operations_${id}, type paths as Paths_${id} } from '${packageName}';`,
    ),
    raw && lines(({ packageName }, id) => `import { createRawClient as createRaw_${id} } from '${packageName}/raw';`),
  ];
  const sections = [
    `${HEADER_COMMENT}\n${imports.filter(Boolean).join('\n')}`,
    `/** Every generated client's factory, by version. */
export const clientFactories = {
${lines(({ version }, id) => `  '${version}': create_${id},`)}
} as const;`,
    `/** Every generated client's operation table (what its methods are made from), by version. */
export const operationTables = {
${lines(({ version }, id) => `  '${version}': operations_${id},`)}
} as const;`,
    raw &&
      `/** Every generated openapi-fetch client's factory, by version. */
export const rawClientFactories = {
${lines(({ version }, id) => `  '${version}': createRaw_${id},`)}
} as const;`,
    `/** Every generated client's \`paths\`, by version. */
export interface PathsByVersion {
${lines(({ version }, id) => `  '${version}': Paths_${id};`)}
}`,
  ];
  return `${sections.filter(Boolean).join('\n\n')}\n`;
}
