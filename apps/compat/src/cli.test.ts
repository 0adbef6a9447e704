import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SkeClientOptions } from '@scp-ske/client';
import { createSkeClient } from '@scp-ske/client-1.2';
import { DEMO_CREDENTIALS, startEmulator } from '@scp-ske/emulator';
import { loadDocument, manifest } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { type Io, main } from './cli.js';
import type { ClientFactory } from './scenarios.js';

function capture(): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
  };
  return io;
}

const reportsDir = () => mkdtempSync(join(tmpdir(), 'compat-reports-'));

describe('the compatibility app', () => {
  it('finds no regression across the four versions and writes both reports', async () => {
    const io = capture();
    const dir = reportsDir();
    expect(await main(['--at', '2026-11-29', '--reports', dir], {}, io)).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'compat.json'), 'utf8'));
    expect(report.summary).toMatchObject({ regressions: 0, skipped: 0 });
    expect(report.versions).toEqual(manifest.versions.map((entry) => entry.version));
    expect(report.scenarios.find((row: { id: string }) => row.id === 'private-kubeconfig').cells['1.0']).toMatchObject({
      mark: 'expected',
      reason: expect.stringContaining('ske 1.0 is DEPRECATED and past its Not Before date 2025-12-31'),
    });
    expect(readFileSync(join(dir, 'compat.md'), 'utf8')).toContain(
      '| Private kubeconfig | ≠ refused: retired [1] | ✓ 200 private |',
    );
    expect(io.out).toContain('0 regressions');
  });

  it('runs the generic scenarios for every operation of every version, from the documents', async () => {
    const io = capture();
    const dir = reportsDir();
    expect(await main(['--at', '2026-11-29', '--reports', dir], {}, io)).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'compat.json'), 'utf8'));
    for (const entry of manifest.versions) {
      const document = await loadDocument(entry.version, 'dereferenced');
      const operationIds = Object.values(document.paths).flatMap((item) =>
        Object.values(item).map((operation) => (operation as { operationId: string }).operationId),
      );
      expect(report.operations.map((operation: { id: string }) => operation.id)).toEqual(operationIds);
      for (const id of operationIds) {
        const rows = report.scenarios.filter((row: { operation?: string }) => row.operation === id);
        expect(rows.map((row: { id: string }) => row.id)).toEqual(
          expect.arrayContaining(
            ['example', 'unknown-resource', 'malformed-argument', 'wrong-secret', 'no-version-header'].map(
              (name) => `${id}/${name}`,
            ),
          ),
        );
        for (const row of rows) expect(Object.keys(row.cells)).toEqual(manifest.versions.map((one) => one.version));
      }
    }
    // The summary line keeps its shape, and its counts cover every cell.
    const match =
      /compat: (\d+) operations × 4 versions \((\d+) scenarios\) on 2026-11-29 against the embedded emulator: (\d+) same, (\d+) expected differences, 0 regressions, 0 skipped, (\d+) not applicable/.exec(
        io.out,
      );
    const [operations, scenarios, same, expected, none] = (match ?? []).slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    expect(operations).toBe(report.operations.length);
    expect(scenarios).toBe(report.scenarios.length);
    expect(same + expected + none).toBe(scenarios * 4);
  });

  it('exits non-zero and names the version and scenario of a broken client', async () => {
    // ske 1.2's client "forgets" kubeconfig_type: it always asks for the private endpoint.
    const broken: ClientFactory = (options?: SkeClientOptions) => {
      const client = createSkeClient(options);
      return {
        ...client,
        getUserKubeconfig: (input) => client.getUserKubeconfig({ ...input, kubeconfigType: 'private' }),
      };
    };
    const io = capture();
    const code = await main(
      ['--at', '2026-11-29', '--reports', reportsDir()],
      { clientFactories: { '1.2': broken } },
      io,
    );
    expect(code).toBe(1);
    expect(io.err).toMatch(/REGRESSION in ske 1\.2 \/ public-kubeconfig/);
    expect(io.err).not.toMatch(/ske 1\.[013] \//);
    expect(io.out).toMatch(/Public kubeconfig .*✗ 200 private/);
  });

  it('skips the scenarios that need fixtures against a real endpoint, with a reason', async () => {
    const remote = await startEmulator();
    const saved = { ...process.env };
    const [credentials] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0]];
    process.env.SCP_ACCESS_KEY = credentials.accessKey;
    process.env.SCP_SECRET_KEY = credentials.secretKey;
    try {
      const io = capture();
      const dir = reportsDir();
      expect(await main(['--endpoint', remote.url, '--versions', '1.2,1.3', '--reports', dir], {}, io)).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'compat.json'), 'utf8'));
      const byId = Object.fromEntries(
        report.scenarios.map((row: { id: string; cells: object }) => [row.id, row.cells]),
      );
      expect(byId['private-kubeconfig']['1.3']).toEqual({
        mark: 'skipped',
        reason: 'needs the embedded emulator (fixtures or fault injection)',
      });
      expect(byId['showClusterUserKubeconfig/unknown-resource']['1.3']).toMatchObject({
        mark: 'same',
        outcome: { kind: 'api-error', status: 404 },
      });
      expect(byId['showClusterUserKubeconfig/wrong-secret']['1.2']).toMatchObject({
        mark: 'same',
        outcome: { status: 401 },
      });
      // An operation without required arguments runs against a real endpoint too.
      expect(byId['listClusters/example']['1.3']).toMatchObject({
        mark: 'same',
        outcome: { kind: 'data', status: 200 },
      });
      expect(report.target).toBe(remote.url);
    } finally {
      process.env = saved;
      await remote.close();
    }
  });

  it.each([
    [['--at', 'tomorrow'], /--at: expected a date such as 2025-12-01, received "tomorrow"/],
    [['--versions', '1.2,2.0'], /--versions: unknown version "2.0"; expected some of 1.0, 1.1, 1.2, 1.3/],
    [['--endpoint', 'ske.example.com'], /--endpoint: expected an http\(s\) URL/],
  ])('exits 2 naming the bad option for %j', async (argv, message) => {
    const io = capture();
    expect(await main(argv, {}, io)).toBe(2);
    expect(io.err).toMatch(message);
  });
});
