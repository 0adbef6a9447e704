// @ts-check
/**
 * A consumer's `src/generated/clients.ts`: the version table of a workspace package that uses every
 * version's client (one import per client package, and by version: the factories, the operation
 * tables, the `paths` types, and, for consumers that ask for it, the openapi-fetch factories). A
 * `lazy` consumer (a command, which calls one version per process) gets instead a loader per version
 * (`import()` on first use) and the list of versions, so that a process loads one client package.
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
 * @param {{ raw: boolean, lazy?: boolean }} options `raw`: also import every version's `./raw` entry;
 *   `lazy`: load each version's package on first use (with `raw`: not supported).
 */
export function renderClientsTable({ clients }, { raw, lazy = false }) {
  /** @param {(client: Client, id: string) => string} line */
  const lines = (line) => clients.map((client) => line(client, identifier(client.version))).join('\n');
  if (lazy) {
    if (raw) throw new Error('renderClientsTable: a lazy table has no openapi-fetch clients (raw)');
    return renderLazyTable(lines, clients.map((client) => `'${client.version}'`).join(', '));
  }
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

/**
 * The lazy table: types imported (erased), each package behind an `import()`.
 * @param {(line: (client: Client, id: string) => string) => string} lines
 * @param {string} versionList `'1.0', '1.1'`
 */
function renderLazyTable(lines, versionList) {
  return `${HEADER_COMMENT}
${lines(({ packageName }, id) => `import type * as Client_${id} from '${packageName}';`)}

/** Every generated client package, by version, loaded on its first use: a process loads the version it calls. */
export const clientPackages = {
${lines(({ version, packageName }, id) => `  '${version}': (): Promise<typeof Client_${id}> => import('${packageName}'),`)}
} as const;

/** Every version that has a generated client, oldest first. */
export const clientVersions = [${versionList}] as const;

/** Every generated client's \`paths\`, by version. */
export interface PathsByVersion {
${lines(({ version }, id) => `  '${version}': Client_${id}.paths;`)}
}
`;
}
