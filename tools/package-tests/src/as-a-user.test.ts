/**
 * The packages as a user gets them: packed, installed with plain npm into an empty project outside
 * the workspace, a strict TypeScript consumer (nodenext, no DOM lib, skipLibCheck off) typechecked and run against the emulator
 * started from the installed @scp-ske/emulator, the installed `scp-ske --help`, and every bundled
 * document of the installed @scp-ske/spec fed to a second generator (@hey-api/openapi-ts) whose
 * output typechecks.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { manifest } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPackedProject } from './packed.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const HEY_API = '@hey-api/openapi-ts@0.90.8';
const TYPES_NODE = '@types/node@20.19.43';
/** @hey-api/openapi-ts needs TypeScript beside it (a peer dependency). */
const TYPESCRIPT = 'typescript@5.9.3';
let project = '';
const bin = (name: string) => join(project, 'node_modules', '.bin', name);

const CONSUMER = `import { createSkeClient, type OperationInput, SkeApiError, SkeError } from '@scp-ske/client-1.3';
import { createRawClient } from '@scp-ske/client-1.3/raw';
import { computeSignature } from '@scp-ske/signing';

const endpoint = process.env.SKE_ENDPOINT;
const accessKey = process.env.SCP_ACCESS_KEY;
const secretKey = process.env.SCP_SECRET_KEY;
if (!endpoint || !accessKey || !secretKey) throw new Error('SKE_ENDPOINT, SCP_ACCESS_KEY and SCP_SECRET_KEY are required');

const type: OperationInput<'showClusterUserKubeconfig'>['kubeconfigType'] = 'public';
const ske = createSkeClient({ endpoint, credentials: { accessKey, secretKey } });
const result = await ske.getUserKubeconfig({ clusterId: '70a599e031e749b7b260868f441e862b', kubeconfigType: type });
const { data: list } = await ske.listClusters({ status: ['RUNNING'] });
const names: string[] = list.clusters.map((cluster) => cluster.name);
let inputCode: string | undefined;
try {
  await ske.showCluster({ clusterId: 'not-an-id' });
} catch (error) {
  if (error instanceof SkeError) inputCode = error.code;
}
let forbidden: number | undefined;
try {
  await ske.getUserKubeconfig({ clusterId: 'c0ffee00c0ffee00c0ffee00c0ffee00', kubeconfigType: 'private' });
} catch (error) {
  if (error instanceof SkeApiError) forbidden = error.status;
}
const raw = createRawClient({ endpoint, credentials: { accessKey, secretKey } });
const { response: rawResponse } = await raw.GET('/v1/clusters/{cluster_id}/user-kubeconfig', {
  params: { path: { cluster_id: '70a599e031e749b7b260868f441e862b' }, query: { kubeconfig_type: 'private' } },
  parseAs: 'text',
});
const signature = computeSignature({
  method: 'GET',
  url: 'https://ske.kr-west1.e.samsungsdscloud.com/v1/clusters/70a599e031e749b7b260868f441e862b/user-kubeconfig?kubeconfig_type=private',
  timestamp: 1605290625682,
  accessKey: 'AKEXAMPLE0123456789',
  secretKey: 'SKEXAMPLEsecretKey',
});
console.log(JSON.stringify({ apiVersion: result.apiVersion, server: result.server, contexts: result.contexts, forbidden, names, inputCode, rawStatus: rawResponse.status, signature }));
`;

let emulator: ReturnType<typeof spawn> | undefined;
afterAll(() => {
  emulator?.kill('SIGTERM');
});

beforeAll(() => {
  project = installPackedProject('consumer', [TYPES_NODE, HEY_API, TYPESCRIPT]);
});

describe('installed with npm, outside the workspace', () => {
  it('typechecks a strict nodenext consumer and runs it against the installed emulator', async () => {
    writeFileSync(join(project, 'consumer.ts'), CONSUMER);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          // No DOM lib: the published types may name only what @types/node and TypeScript's own libs declare.
          lib: ['es2022'],
          types: ['node'],
          outDir: 'out',
          skipLibCheck: false,
        },
        files: ['consumer.ts'],
      }),
    );
    execFileSync(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: project, stdio: 'pipe' });

    emulator = spawn(bin('scp-ske-emulator'), ['--port', '0'], { cwd: project, stdio: ['ignore', 'pipe', 'inherit'] });
    let banner = '';
    emulator.stdout?.on('data', (chunk) => {
      banner += chunk;
    });
    for (let i = 0; i < 1200 && !/Clusters:/.test(banner); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    const endpoint = /listening on (\S+)/.exec(banner)?.[1] as string;
    const [, accessKey, secretKey] = /SCP_ACCESS_KEY=(\S+) SCP_SECRET_KEY=(\S+)/.exec(banner) ?? [];
    // The command serves a Kubernetes API by default, and the kubeconfigs it issues point there.
    const kubeApi = /Kubernetes API on (https:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    expect(kubeApi).toBeDefined();
    const output = execFileSync(process.execPath, ['out/consumer.js'], {
      cwd: project,
      env: {
        PATH: process.env.PATH ?? '',
        SKE_ENDPOINT: endpoint,
        SCP_ACCESS_KEY: accessKey ?? '',
        SCP_SECRET_KEY: secretKey ?? '',
      },
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      apiVersion: 'ske 1.3',
      server: kubeApi,
      contexts: ['demo-cluster'],
      forbidden: 403,
      names: ['demo-cluster', 'private-only-cluster'],
      inputCode: 'ERR_SKE_INPUT',
      rawStatus: 200,
      signature: 'q0OJkr3HhbGbhFfYQUwZUgxYDmJZNRyupjvu8OHU8/4=',
    });
  });

  it('refuses to typecheck a kubeconfigType the spec does not allow', () => {
    writeFileSync(
      join(project, 'wrong.ts'),
      `import type { OperationInput } from '@scp-ske/client-1.3';\nexport const type: OperationInput<'showClusterUserKubeconfig'>['kubeconfigType'] = 'internal';\n`,
    );
    writeFileSync(
      join(project, 'tsconfig.wrong.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', noEmit: true },
        files: ['wrong.ts'],
      }),
    );
    let output = '';
    try {
      execFileSync(process.execPath, [TSC, '-p', 'tsconfig.wrong.json'], {
        cwd: project,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/Type '"internal"' is not assignable to type '"private" \| "public"'/);
  });

  it('runs the installed scp-ske --help', () => {
    const help = execFileSync(bin('scp-ske'), ['--help'], { cwd: project, encoding: 'utf8' });
    expect(help).toContain('scp-ske kubeconfig merge --cluster NAME|ID --type private|public');
    expect(help).toContain('scp-ske clusters list');
  });

  it.each(manifest.versions.map((entry) => entry.version))(
    'feeds the installed ske %s document to @hey-api/openapi-ts and typechecks its output',
    (version) => {
      const input = join(project, 'node_modules', '@scp-ske', 'spec', 'openapi', `ske-${version}.json`);
      const output = join(project, 'hey-api', version);
      mkdirSync(output, { recursive: true });
      execFileSync(bin('openapi-ts'), ['--input', input, '--output', output], { cwd: project, stdio: 'pipe' });
      const types = readFileSync(join(output, 'types.gen.ts'), 'utf8');
      expect(types).toMatch(/kubeconfig_type: 'private' \| 'public'/);
      writeFileSync(
        join(project, `tsconfig.hey-${version}.json`),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: 'esnext',
            moduleResolution: 'bundler',
            target: 'es2022',
            lib: ['es2022', 'dom'],
            noEmit: true,
            skipLibCheck: true,
          },
          include: [`hey-api/${version}/**/*.ts`],
        }),
      );
      execFileSync(process.execPath, [TSC, '-p', `tsconfig.hey-${version}.json`], { cwd: project, stdio: 'pipe' });
    },
  );
});
