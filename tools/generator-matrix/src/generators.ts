/**
 * The generators of the matrix: how each one is run on a bundled document (its command and the options
 * that matter), and which adapter files (adapters/) go beside its output. Each runs from this package's
 * node_modules, at the version pinned in the workspace catalog.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PACKAGE_ROOT = join(import.meta.dirname, '..');
const bin = (name: string) => join(PACKAGE_ROOT, 'node_modules', '.bin', name);

/** The installed version of a package (the catalog's pin), from its manifest in this package's node_modules. */
export function installedVersion(name: string): string {
  const manifest = join(PACKAGE_ROOT, 'node_modules', ...name.split('/'), 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

export interface Generator {
  id: string;
  /** The npm package the generator is. */
  package: string;
  /** What it is run as, for the report. */
  command: string;
  /** Writes the client of `input` (a bundled JSON document) into `output`; returns what it printed. */
  generate(input: string, output: string): Promise<string>;
  /** Adapter files (in adapters/) copied beside the output; the first is the adapter module. */
  adapters: string[];
  /** A generator that generates and typechecks, but whose client the matrix does not call, and why. */
  notCalled?: string;
}

const printed = ({ stdout, stderr }: { stdout: string; stderr: string }) => `${stdout}${stderr}`;

export const GENERATORS: Generator[] = [
  {
    id: 'openapi-typescript',
    package: 'openapi-typescript',
    command: 'openapi-typescript ske-1.3.json -o schema.d.ts (with openapi-fetch)',
    generate: async (input, output) =>
      printed(await run(bin('openapi-typescript'), [input, '-o', join(output, 'schema.d.ts')], { cwd: output })),
    adapters: ['openapi-typescript.ts'],
  },
  {
    id: 'hey-api',
    package: '@hey-api/openapi-ts',
    command: 'openapi-ts -i ske-1.3.json -o out',
    generate: async (input, output) => printed(await run(bin('openapi-ts'), ['-i', input, '-o', output])),
    adapters: ['hey-api.ts'],
  },
  {
    id: 'orval',
    package: 'orval',
    command: "orval --config orval.config.ts (client: 'fetch', override.mutator: the signed fetch)",
    generate: async (input, output) => {
      const config = join(output, 'orval.config.ts');
      writeFileSync(
        config,
        `export default { ske: { input: { target: ${JSON.stringify(input)} }, output: { target: ${JSON.stringify(
          join(output, 'ske.ts'),
        )}, client: 'fetch', mode: 'single', override: { mutator: { path: ${JSON.stringify(
          join(output, 'orval-fetch.ts'),
        )}, name: 'skeFetch' } } } } };\n`,
      );
      return printed(await run(bin('orval'), ['--config', config], { cwd: output }));
    },
    adapters: ['orval.ts', 'orval-fetch.ts'],
  },
  {
    id: 'swagger-typescript-api',
    package: 'swagger-typescript-api',
    command: 'swagger-typescript-api generate -p ske-1.3.json -o out -n api.ts',
    generate: async (input, output) =>
      printed(await run(bin('swagger-typescript-api'), ['generate', '-p', input, '-o', output, '-n', 'api.ts'])),
    adapters: ['swagger-typescript-api.ts'],
  },
  {
    id: 'kubb',
    package: '@kubb/cli',
    command:
      "kubb generate --config kubb.config.ts (plugin-oas, plugin-ts, plugin-client { paramsType: 'object', importPath: the signed client })",
    generate: async (input, output) => {
      const config = join(output, 'kubb.config.ts');
      writeFileSync(
        config,
        [
          "import { defineConfig } from '@kubb/core';",
          "import { pluginClient } from '@kubb/plugin-client';",
          "import { pluginOas } from '@kubb/plugin-oas';",
          "import { pluginTs } from '@kubb/plugin-ts';",
          'export default defineConfig({',
          `  root: ${JSON.stringify(output)},`,
          `  input: { path: ${JSON.stringify(input)} },`,
          "  output: { path: '.', clean: false, format: false, lint: false },",
          '  plugins: [',
          '    pluginOas({ generators: [] }),',
          '    pluginTs(),',
          `    pluginClient({ paramsType: 'object', dataReturnType: 'full', importPath: ${JSON.stringify(
            join(output, 'kubb-client.ts'),
          )} }),`,
          '  ],',
          '});',
          '',
        ].join('\n'),
      );
      return printed(await run(bin('kubb'), ['generate', '--config', config], { cwd: output }));
    },
    adapters: ['kubb.ts', 'kubb-client.ts'],
  },
];

/** Generators the matrix does not run, and why. */
export const NOT_TESTABLE: { name: string; reason: string }[] = [
  {
    name: 'openapi-zod-client 1.18.3',
    reason:
      'installs, and generates from the documents, but its client cannot be called correctly whatever the spec says: it types every non-JSON answer as z.void() (a kubeconfig then fails its own response validation) and a const as z.string(), and its Zodios client runs on axios, whose default query serialiser sends status[]=A&status[]=B; generate its zod schemas for validation, and call the API with one of the clients above',
  },
  {
    name: 'Kiota',
    reason:
      'a .NET tool: it installs as a binary downloaded from GitHub releases or with dotnet, not from the npm registry',
  },
  {
    name: 'OpenAPI Generator (typescript-fetch)',
    reason:
      "a Java program: the npm wrapper @openapitools/openapi-generator-cli downloads the generator's JAR from Maven Central at first run, and needs a JRE",
  },
];
