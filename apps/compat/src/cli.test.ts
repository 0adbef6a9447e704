import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SkeClientOptions } from '@scp-ske/client';
import { createSkeClient } from '@scp-ske/client-1.2';
import { DEMO_CREDENTIALS, startEmulator } from '@scp-ske/emulator';
import { loadDocument, manifest, type OpenApiDocument } from '@scp-ske/spec';
import { describe, expect, it } from 'vitest';
import { type Io, main } from './cli.js';
import { NEEDS_EMULATOR } from './run.js';
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
    const reported = report.operations.map((operation: { id: string; versions: string[] }) => operation.id);
    for (const entry of manifest.versions) {
      const document = await loadDocument(entry.version, 'dereferenced');
      const operationIds = Object.values(document.paths).flatMap((item) =>
        Object.values(item).map((operation) => (operation as { operationId: string }).operationId),
      );
      // The reference version has every operation; each operation says which versions have it.
      if (entry.version === manifest.current) expect(reported).toEqual(operationIds);
      for (const operation of report.operations as { id: string; versions: string[] }[]) {
        expect(operation.versions.includes(entry.version), `${operation.id} in ${entry.version}`).toBe(
          operationIds.includes(operation.id),
        );
      }
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

  it('shows the differences the spec declares as expected, naming their evidence and strength', async () => {
    const io = capture();
    const dir = reportsDir();
    expect(await main(['--at', '2025-12-01', '--reports', dir], {}, io), io.err).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'compat.json'), 'utf8'));
    const cells = (id: string) => report.scenarios.find((row: { id: string }) => row.id === id).cells;
    expect(report.summary).toMatchObject({ regressions: 0, skipped: 0 });
    // An operation ske 1.0 does not have.
    expect(cells('setClusterServiceWatchLogging/example')['1.0']).toEqual({
      mark: 'expected',
      outcome: { kind: 'absent' },
      reason: expect.stringMatching(/^not in ske 1\.0: setClusterServiceWatchLogging: added in ske 1\.1 \(strong: /),
    });
    expect(cells('setClusterServiceWatchLogging/example')['1.1']).toMatchObject({ mark: 'same' });
    // Answers without the fields later versions add.
    expect(cells('showCluster/example')['1.0']).toMatchObject({
      mark: 'expected',
      reason: expect.stringMatching(/Cluster\.service_watch_logging_enabled: added in ske 1\.1 \(strong: /),
    });
    expect(cells('showNodepool/example')['1.2']).toMatchObject({
      mark: 'expected',
      reason: expect.stringMatching(/Nodepool\.linked_resources: added in ske 1\.3 \(weak: /),
    });
    // Everything else behaves the same, a cluster's and a nodepool's life included.
    for (const version of ['1.0', '1.1', '1.2'])
      expect(cells('resource-lifecycle')[version]).toMatchObject({ mark: 'same' });
    expect(cells('resource-lifecycle')['1.3'].outcome.steps).toHaveLength(7);
    expect(cells('listClusters/example')['1.0']).toMatchObject({ mark: 'same' });
    expect(report.declared).toHaveLength(14);
    expect(report.operations.find((one: { id: string }) => one.id === 'setClusterServiceWatchLogging')).toMatchObject({
      versions: ['1.1', '1.2', '1.3'],
      since: { version: '1.1', strength: 'strong', lacking: ['1.0'] },
    });
    expect(io.out).toContain('Declared differences between versions (x-scp-since, x-scp-required-since): 14');
    expect(io.out).toMatch(/setClusterServiceWatchLogging: PUT .* · from ske 1\.1 \(strong\), not in ske 1\.0/);
  });

  it('flags an answer without a field no declaration explains, and the contract difference behind it', async () => {
    // ske 1.2's document loses the cluster's service_watch_logging_enabled, which is declared from 1.1 on.
    const changed = structuredClone(await loadDocument('1.2', 'dereferenced')) as OpenApiDocument;
    type Schema = { required: string[]; properties: Record<string, unknown> };
    const showCluster = changed.paths['/v1/clusters/{cluster_id}']?.get as {
      responses: { 200: { content: { 'application/json': { schema: { properties: { cluster: Schema } } } } } };
    };
    const cluster = showCluster.responses[200].content['application/json'].schema.properties.cluster;
    delete cluster.properties.service_watch_logging_enabled;
    cluster.required = cluster.required.filter((name) => name !== 'service_watch_logging_enabled');
    const io = capture();
    const dir = reportsDir();
    const code = await main(
      ['--at', '2025-12-01', '--versions', '1.2,1.3', '--reports', dir],
      { documents: { '1.2': changed } },
      io,
    );
    expect(code).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'compat.json'), 'utf8'));
    expect(report.contract.differences).toContainEqual(
      expect.objectContaining({
        version: '1.2',
        pointer:
          '/paths/~1v1~1clusters~1{cluster_id}/get/responses/200/content/application~1json/schema/properties/cluster/properties/service_watch_logging_enabled',
      }),
    );
    expect(io.err).toMatch(/REGRESSION in .*ske 1\.2 \/ showCluster\/example/);
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
      expect(byId['private-kubeconfig']['1.3']).toEqual({ mark: 'skipped', reason: NEEDS_EMULATOR });
      // What changes state is never run against a real endpoint.
      expect(byId['createCluster/example']['1.3']).toEqual({ mark: 'skipped', reason: NEEDS_EMULATOR });
      expect(byId['resource-lifecycle']['1.3']).toEqual({ mark: 'skipped', reason: NEEDS_EMULATOR });
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
