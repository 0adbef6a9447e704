/**
 * The runtime matrix: the packed packages, installed with npm into a project outside the workspace,
 * used by one portable consumer (consumer/checks.mjs) in every runtime — Node 20 (this process's),
 * node@22/24/26, Bun, Deno (each from the npm registry), workerd through Miniflare, Debian's Chromium —
 * against an emulator started here on Node; `require()` of the packages on every Node; the signing and
 * client packages' own unit tests on node@24 and node@26; TypeScript consumers per module resolution.
 * Writes the table to reports/runtime-matrix.md (repository root) and reports/matrix.md.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { installPackedProject, REPO } from '@scp-ske/package-tests/packed';
import { chromium } from 'playwright-core';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../chromium.shared.js';
import { binOf, ensureRuntime, RUNTIMES } from './runtimes.js';
import { type Cell, judge, type Matrix, renderMatrix } from './table.js';

const run = promisify(execFile);
const HERE = new URL('..', import.meta.url).pathname;
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const TYPES_NODE = '@types/node@20.19.43';
const [demo] = DEMO_CREDENTIALS as [{ accessKey: string; secretKey: string }];
const cluster = DEFAULT_CLUSTERS[0] as { id: string };

/** The versions shown in the table's first column. */
const VERSIONS: Record<string, string> = {
  'node@22': `v${RUNTIMES['node@22']?.version}`,
  'node@24': `v${RUNTIMES['node@24']?.version}`,
  'node@26': `v${RUNTIMES['node@26']?.version}`,
  Bun: RUNTIMES.bun?.version ?? '',
  Deno: RUNTIMES.deno?.version ?? '',
  'workerd (Miniflare)': `miniflare ${RUNTIMES.miniflare?.version}`,
  Chromium: '(Debian)',
};

let project = '';
let emulator: Emulator;
const servers: Server[] = [];
const matrix: Matrix = {};
const record = (row: string, column: string, cell: Cell) => {
  matrix[row] ??= {};
  (matrix[row] as Record<string, Cell>)[column] = cell;
};

const ENV = () => ({
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  SKE_ENDPOINT: emulator.url,
  SCP_ACCESS_KEY: demo.accessKey,
  SCP_SECRET_KEY: demo.secretKey,
  SKE_CLUSTER_ID: cluster.id,
});

/** Runs a command; its last stdout line is the consumer's JSON. */
async function consumerOutput(command: string, args: string[], env = ENV()): Promise<Record<string, Cell>> {
  try {
    const { stdout } = await run(command, args, { cwd: project, env, timeout: 180_000, maxBuffer: 1 << 24 });
    return JSON.parse(stdout.trim().split('\n').at(-1) as string);
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    const lines = `${stderr ?? ''}\n${message}`.split('\n');
    const detail = (lines.find((line) => /Error|error:/.test(line)) ?? lines[0] ?? '').trim().slice(0, 300);
    return { vectors: { pass: false, detail }, client: { pass: false, detail }, raw: { pass: false, detail } };
  }
}

function recordConsumer(row: string, results: Record<string, Cell>) {
  for (const column of ['vectors', 'client', 'raw'])
    record(row, column, results[column] ?? { pass: false, detail: 'no result' });
}

async function bundle(input: string, conditionNames: string[]) {
  const build = await rolldown({
    input: join(project, input),
    platform: 'browser',
    cwd: project,
    resolve: { conditionNames },
  });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  const chunks = output.flatMap((chunk) => (chunk.type === 'chunk' ? [chunk] : []));
  const nodeImports = chunks
    .flatMap((chunk) => [...chunk.imports, ...chunk.dynamicImports])
    .filter((specifier) => specifier.startsWith('node:'));
  return { chunks, nodeImports };
}

beforeAll(async () => {
  // The runtimes were installed by `pnpm check`'s set-up step (scripts/setup-check.mjs): checked, never downloaded here.
  for (const runtime of Object.values(RUNTIMES)) ensureRuntime(runtime);
  project = installPackedProject('runtime-matrix-consumer', [TYPES_NODE]);
  for (const file of readdirSync(join(HERE, 'consumer')))
    copyFileSync(join(HERE, 'consumer', file), join(project, file));
  const vectors = readFileSync(join(REPO, 'packages/signing/test-vectors/vectors.json'), 'utf8');
  writeFileSync(join(project, 'vectors.mjs'), `export default ${vectors.trim()};\n`);
  emulator = await startEmulator();
});

afterAll(async () => {
  await emulator?.close();
  for (const server of servers) server.close();
  if (project && !process.env.RUNTIME_MATRIX_KEEP) rmSync(project, { recursive: true, force: true });
});

describe('the runtime matrix', () => {
  it('runs the consumer on Node 20 (this process’s), node@22, node@24, node@26, Bun and Deno', async () => {
    const runs: [string, string, string[]][] = [
      ['host Node', process.execPath, ['cli.mjs']],
      ['node@22', binOf(RUNTIMES['node@22'] as never), ['cli.mjs']],
      ['node@24', binOf(RUNTIMES['node@24'] as never), ['cli.mjs']],
      ['node@26', binOf(RUNTIMES['node@26'] as never), ['cli.mjs']],
      ['Bun', binOf(RUNTIMES.bun as never), ['cli.mjs']],
      ['Deno', binOf(RUNTIMES.deno as never), ['run', '--allow-net', '--allow-env', '--allow-read', 'cli.mjs']],
    ];
    for (const [row, command, args] of runs) recordConsumer(row, await consumerOutput(command, args));
  });

  it('runs the consumer as a Worker in workerd (Miniflare), bundled for the workerd condition', async () => {
    const { chunks, nodeImports } = await bundle('worker.mjs', ['workerd', 'worker', 'browser', 'import', 'default']);
    expect(nodeImports).toEqual([]);
    const dir = join(project, 'worker-dist');
    mkdirSync(dir, { recursive: true });
    for (const chunk of chunks) writeFileSync(join(dir, chunk.fileName), chunk.code);
    const entry = chunks.find((chunk) => chunk.isEntry)?.fileName as string;
    const env = ENV();
    const bindings = JSON.stringify({
      SKE_ENDPOINT: env.SKE_ENDPOINT,
      SCP_ACCESS_KEY: env.SCP_ACCESS_KEY,
      SCP_SECRET_KEY: env.SCP_SECRET_KEY,
      SKE_CLUSTER_ID: env.SKE_CLUSTER_ID,
    });
    const results = await consumerOutput(binOf(RUNTIMES['node@24'] as never), [
      join(HERE, 'scripts/miniflare-run.mjs'),
      join(ensureRuntime(RUNTIMES.miniflare as never), 'node_modules/miniflare'),
      join(dir, entry),
      bindings,
    ]);
    recordConsumer('workerd (Miniflare)', results);
  });

  it('runs the browser bundle in Chromium against the emulator behind a CORS proxy', async () => {
    const { chunks, nodeImports } = await bundle('browser.mjs', ['browser', 'import', 'default']);
    expect(nodeImports).toEqual([]);
    const files = new Map(chunks.map((chunk) => [`/${chunk.fileName}`, chunk.code]));
    const entry = chunks.find((chunk) => chunk.isEntry)?.fileName as string;
    files.set('/', `<!doctype html><script type="module" src="/${entry}"></script>`);
    const page = createServer((req, res) => {
      const body = files.get(new URL(req.url ?? '/', 'http://x').pathname);
      res.writeHead(body ? 200 : 404, {
        'content-type': req.url === '/' || req.url?.startsWith('/?') ? 'text/html' : 'text/javascript',
      });
      res.end(body ?? '');
    });
    const emulatorUrl = new URL(emulator.url);
    // The emulator has no CORS: this proxy answers the preflight and adds the headers, for this test only.
    const proxy = createServer((req, res) => {
      const cors = {
        'access-control-allow-origin': req.headers.origin ?? '*',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-expose-headers': '*',
      };
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors);
        res.end();
        return;
      }
      const upstream = httpRequest(
        { host: emulatorUrl.hostname, port: emulatorUrl.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors });
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    });
    for (const server of [page, proxy]) {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    }
    const pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    const apiUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const browser = await launchChromium(chromium);
    try {
      const tab = await browser.newPage();
      const query = new URLSearchParams({
        endpoint: apiUrl,
        accessKey: demo.accessKey,
        secretKey: demo.secretKey,
        clusterId: cluster.id,
      });
      await tab.goto(`${pageUrl}/?${query}`);
      await tab.waitForFunction(() => (globalThis as { __results?: unknown }).__results !== undefined);
      const results = (await tab.evaluate(
        () => (globalThis as unknown as { __results: Promise<unknown> }).__results,
      )) as Record<string, Cell>;
      recordConsumer('Chromium', results);
    } finally {
      await browser.close();
    }
  });

  it('require()s the packages from CommonJS on every Node (require(esm))', async () => {
    writeFileSync(
      join(project, 'require.cjs'),
      `const signing = require('@scp-ske/signing');
const { createSkeClient } = require('@scp-ske/client-1.3');
const { createRawClient } = require('@scp-ske/client-1.3/raw');
require('@scp-ske/client'); require('@scp-ske/spec'); require('@scp-ske/emulator');
const credentials = { accessKey: process.env.SCP_ACCESS_KEY, secretKey: process.env.SCP_SECRET_KEY };
(async () => {
  const list = await createSkeClient({ endpoint: process.env.SKE_ENDPOINT, credentials }).listClusters();
  const raw = await createRawClient({ endpoint: process.env.SKE_ENDPOINT, credentials }).GET('/v1/clusters', {});
  if (typeof signing.computeSignature !== 'function' || list.status !== 200 || raw.response.status !== 200) throw new Error('unexpected');
  console.log(JSON.stringify({ require: { pass: true, detail: 'signing, client, client-1.3 (+ /raw), spec, emulator; listClusters and raw GET → 200' } }));
})().catch((error) => { console.error(error); process.exit(1); });
`,
    );
    const nodes: [string, string][] = [
      ['host Node', process.execPath],
      ['node@22', binOf(RUNTIMES['node@22'] as never)],
      ['node@24', binOf(RUNTIMES['node@24'] as never)],
      ['node@26', binOf(RUNTIMES['node@26'] as never)],
    ];
    for (const [row, node] of nodes) {
      const output = await consumerOutput(node, ['require.cjs']);
      record(row, 'require()', output.require ?? (output.vectors as Cell));
    }
  });

  it('runs the signing and client packages’ own unit tests on node@24 and node@26', async () => {
    const vitest = join(
      dirname(createRequire(join(REPO, 'packages/signing/package.json')).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    for (const row of ['node@24', 'node@26']) {
      const node = binOf(RUNTIMES[row] as never);
      for (const [column, dir] of [
        ['unit: signing', 'packages/signing'],
        ['unit: client', 'packages/client'],
      ] as const) {
        const out = join(project, `vitest-${row}-${column.replace(/\W+/g, '-')}.json`);
        let cell: Cell;
        try {
          // The JSON report goes to the scratch project, not to the package's reports/ (turbo's output).
          await run(node, [vitest, 'run', '--reporter=json', `--outputFile.json=${out}`], {
            cwd: join(REPO, dir),
            env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true' },
            timeout: 900_000,
            maxBuffer: 1 << 26,
          });
          const report = JSON.parse(readFileSync(out, 'utf8'));
          // No count in the cell: the table is compared across runs, and a test added to a package must not change it.
          if (report.numPassedTests === 0 || report.numPassedTests !== report.numTotalTests)
            throw new Error(`${report.numPassedTests} of ${report.numTotalTests} tests passed`);
          cell = { pass: true, detail: 'every test passed' };
        } catch (error) {
          let detail = String((error as Error).message).split('\n')[0] as string;
          try {
            const report = JSON.parse(readFileSync(out, 'utf8'));
            const failed = report.testResults.flatMap(
              (file: { assertionResults: { status: string; fullName: string }[] }) =>
                file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName),
            );
            if (report.numFailedTests > 0) detail = `${report.numFailedTests} failed: ${failed.slice(0, 3).join('; ')}`;
          } catch {}
          cell = { pass: false, detail };
        }
        record(row, column, cell);
      }
    }
  });

  it('typechecks TypeScript consumers per module resolution', async () => {
    const typecheck = async (name: string, file: string, source: string, compilerOptions: object) => {
      writeFileSync(join(project, file), source);
      writeFileSync(
        join(project, `tsconfig.${name}.json`),
        JSON.stringify({
          compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, target: 'es2022', ...compilerOptions },
          files: [file],
        }),
      );
      try {
        await run(process.execPath, [TSC, '-p', `tsconfig.${name}.json`], { cwd: project });
        return { pass: true, detail: 'tsc: no error' };
      } catch (error) {
        const stdout = String((error as { stdout?: string }).stdout);
        return {
          pass: false,
          detail: `${/error (TS\d+)/.exec(stdout)?.[1] ?? ''} ${(stdout.split('\n')[0] ?? '').slice(0, 160)}`,
        };
      }
    };
    const esm = `import { createSkeClient, type OperationInput } from '@scp-ske/client-1.3';
import { createRawClient } from '@scp-ske/client-1.3/raw';
import { computeSignatureAsync } from '@scp-ske/signing';
const type: OperationInput<'showClusterUserKubeconfig'>['kubeconfigType'] = 'private';
export const calls = [createSkeClient().getUserKubeconfig({ clusterId: 'x', kubeconfigType: type }), createRawClient().GET('/v1/clusters', {}), computeSignatureAsync({ method: 'GET', url: 'https://a.b/', timestamp: 1, accessKey: 'a', secretKey: 's' })];
`;
    const cjsStatic = `import { createSkeClient } from '@scp-ske/client-1.3';\nexport const client = createSkeClient();\n`;
    const cjsDynamic = `export async function client() {\n  const { createSkeClient } = await import('@scp-ske/client-1.3');\n  return createSkeClient();\n}\n`;
    const node = { lib: ['es2022'], types: ['node'] };
    const rows: [string, Promise<Cell>][] = [
      [
        'bundler (ESM)',
        typecheck('bundler', 'bundler.ts', esm, {
          module: 'esnext',
          moduleResolution: 'bundler',
          lib: ['es2022', 'dom'],
          types: [],
        }),
      ],
      [
        'nodenext (ESM)',
        typecheck('nodenext', 'nodenext.ts', esm, { module: 'nodenext', moduleResolution: 'nodenext', ...node }),
      ],
      [
        'node16 (ESM)',
        typecheck('node16', 'node16.ts', esm, { module: 'node16', moduleResolution: 'node16', ...node }),
      ],
      [
        'node16 (CommonJS), static import',
        typecheck('node16-cjs', 'node16-cjs.cts', cjsStatic, { module: 'node16', moduleResolution: 'node16', ...node }),
      ],
      [
        'node16 (CommonJS), await import()',
        typecheck('node16-cjs-dynamic', 'node16-cjs-dynamic.cts', cjsDynamic, {
          module: 'node16',
          moduleResolution: 'node16',
          ...node,
        }),
      ],
      [
        'nodenext (CommonJS), static import',
        typecheck('nodenext-cjs', 'nodenext-cjs.cts', cjsStatic, {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          ...node,
        }),
      ],
    ];
    for (const [row, cell] of rows) record(row, 'typecheck', await cell);
  });

  it('every cell passes or carries its documented reason (the table: reports/runtime-matrix.md)', () => {
    const problems = judge(matrix);
    const markdown = renderMatrix(matrix, VERSIONS);
    mkdirSync(join(HERE, 'reports'), { recursive: true });
    writeFileSync(join(HERE, 'reports/matrix.md'), markdown);
    mkdirSync(join(REPO, 'reports'), { recursive: true });
    writeFileSync(join(REPO, 'reports/runtime-matrix.md'), `# Runtime matrix\n\n${markdown}`);
    expect(problems).toEqual([]);
  });
});
