/**
 * The test of the architecture: add a fifth operation to a copy of the repository's spec (one path
 * file with a 200 example, one line in `paths.yaml`), run `pnpm start` there, and nothing else. Every
 * served version's client then has a typed method for it that returns the example through the
 * emulator; the clients suite (tools/client-tests), the docs pages and the compatibility report include
 * it; and no hand-written file changed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true' };
const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });

const OPERATION_ID = 'listServerTypes';
const PATH_FILE = `paths:
  get:
    operationId: ${OPERATION_ID}
    summary: List Server Types
    description: The server types a nodepool's nodes can run on.
    tags: [Cluster]
    x-scp-action-id: ske:ListServerTypes
    x-scp-provenance:
      source: test
      document: a fifth operation added by tools/spec-extension-tests
      confirmed: ["1.0", "1.1", "1.2", "1.3"]
    security:
      - ScpAccessKey: []
        ScpSignature: []
        ScpTimestamp: []
        ScpClientType: []
    parameters:
      - $ref: ../components/parameters/ScpApiVersion.yaml
    responses:
      "200":
        description: OK.
        content:
          application/json:
            schema:
              type: object
              required: [server_types]
              properties:
                server_types:
                  type: array
                  items: { type: string }
            example:
              server_types: [s1v2m4, s1v4m8]
      "401":
        $ref: ../components/responses/Unauthorized.yaml
`;
const EXAMPLE = { server_types: ['s1v2m4', 's1v4m8'] };
/** What the pipeline may write: the generated files (README "Generated files") and its reports. */
const GENERATED =
  /^(packages\/spec\/(openapi\/|versions\.json|src\/generated\/)|packages\/client-\d+\.\d+\/|[^/]+\/[^/]+\/src\/generated\/|reports\/)/;

let copy: string;

/** The versions of a repository's spec, from its bundled manifest. */
const versionsOf = (repository: string) =>
  (
    JSON.parse(readFileSync(join(repository, 'packages/spec/versions.json'), 'utf8')) as {
      versions: { version: string }[];
    }
  ).versions.map((entry) => entry.version);

/** The working tree as it is (tracked and untracked, ignored files left out), in a fresh git repository. */
function copyRepository(): string {
  const target = mkdtempSync(join(tmpdir(), 'scp-ske-new-operation-'));
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], REPO)
    .split('\0')
    .filter((file) => file && existsSync(join(REPO, file)));
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    copyFileSync(join(REPO, file), join(target, file));
  }
  run('git', ['init', '--quiet'], target);
  run('git', ['add', '-A'], target);
  run('git', ['-c', 'user.name=test', '-c', 'user.email=test@invalid', 'commit', '--quiet', '-m', 'copy'], target);
  return target;
}

beforeAll(() => {
  copy = copyRepository();
  const pathFile = join(copy, 'spec', 'ske', 'paths', 'server-types.yaml');
  writeFileSync(pathFile, PATH_FILE.replace(/^paths:\n/, '').replace(/^ {2}/gm, ''));
  writeFileSync(
    join(copy, 'spec', 'ske', 'paths.yaml'),
    `${readFileSync(join(copy, 'spec', 'ske', 'paths.yaml'), 'utf8')}/v1/server-types:\n  $ref: ./paths/server-types.yaml\n`,
  );
  run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], copy);
  run('pnpm', ['start'], copy);
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('an operation added to the spec reaches every package through `pnpm start` alone', () => {
  it('changes nothing but the two spec files and generated files', () => {
    const changed = run('git', ['status', '--porcelain', '--untracked-files=all'], copy)
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    const handWritten = changed.filter((file) => !GENERATED.test(file));
    expect(handWritten.sort()).toEqual(['spec/ske/paths.yaml', 'spec/ske/paths/server-types.yaml']);
  });

  it('gives every version a typed method that returns the example through the emulator', () => {
    const versions = versionsOf(copy);
    // Type side: a consumer of each version's package reads the typed body (tsc fails on a missing method or type).
    for (const version of versions) {
      const dir = join(copy, 'packages', `client-${version}`);
      writeFileSync(
        join(dir, 'src', 'new-operation.check.ts'),
        `import { createSkeClient, type OperationData } from './index.js';
export async function versions(): Promise<string[]> {
  const { data }: { data: OperationData<'${OPERATION_ID}'> } = await createSkeClient().${OPERATION_ID}();
  return data.server_types;
}
`,
      );
      run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'], dir);
    }
    // Run side: every version's built client against the copy's emulator, on a day every version is served.
    const script = `
import { startEmulator, DEMO_CREDENTIALS } from '@scp-ske/emulator';
const emulator = await startEmulator({ now: '2025-06-01' });
const results = {};
for (const version of ${JSON.stringify(versions)}) {
  const { createSkeClient } = await import('@scp-ske/client-' + version);
  const client = createSkeClient({ endpoint: emulator.url, credentials: DEMO_CREDENTIALS[0], now: emulator.now });
  results[version] = await client.${OPERATION_ID}();
}
await emulator.close();
console.log(JSON.stringify(results));
`;
    writeFileSync(join(copy, 'apps', 'compat', 'new-operation.mjs'), script);
    const results = JSON.parse(run('node', ['new-operation.mjs'], join(copy, 'apps', 'compat'))) as Record<
      string,
      { data: unknown; status: number; apiVersion: string }
    >;
    expect(Object.keys(results)).toEqual(versions);
    for (const version of versions) {
      expect(results[version]).toMatchObject({ data: EXAMPLE, status: 200, apiVersion: `ske ${version}` });
    }
  });

  it('documents it on every version page and in the index', () => {
    const docs = join(copy, 'apps', 'docs', 'dist');
    for (const page of ['index.html', 'ske-1.0.html', 'ske-1.3.html']) {
      expect(readFileSync(join(docs, page), 'utf8'), page).toContain(OPERATION_ID);
    }
  });

  it('runs it in the compatibility report, for every version', () => {
    const report = readFileSync(join(copy, 'reports', 'compat.json'), 'utf8');
    expect(report).toContain(OPERATION_ID);
    const markdown = readFileSync(join(copy, 'reports', 'compat.md'), 'utf8');
    expect(markdown).toContain(OPERATION_ID);
  });

  it('runs it in the clients suite, for every version, through both clients and the type checks, with no change to the suite', () => {
    const suite = join(copy, 'tools', 'client-tests');
    run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.json', '--noEmit'], suite);
    run('pnpm', ['exec', 'vitest', 'run'], suite);
    const report = JSON.parse(readFileSync(join(suite, 'reports', 'vitest.json'), 'utf8')) as {
      testResults: { assertionResults: { fullName: string; status: string }[] }[];
    };
    const passed = report.testResults
      .flatMap((file) => file.assertionResults)
      .filter((test) => test.status === 'passed')
      .map((test) => test.fullName);
    for (const version of versionsOf(copy)) {
      const rows = passed.filter((name) => name.startsWith(`@scp-ske/client-${version} ${OPERATION_ID} `));
      expect(rows, version).toEqual([
        expect.stringContaining('GET /v1/server-types: answered 200'),
        expect.stringContaining('raw GET /v1/server-types'),
      ]);
    }
  });

  it('bundles it into every version document with its IAM action', () => {
    const document = parse(readFileSync(join(copy, 'packages/spec/openapi/ske-1.2.yaml'), 'utf8'));
    expect(document.paths['/v1/server-types'].get).toMatchObject({
      operationId: OPERATION_ID,
      'x-scp-action-id': 'ske:ListServerTypes',
      'x-scp-lifecycle': { apiVersion: 'ske 1.2' },
    });
  });
});
