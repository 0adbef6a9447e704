/**
 * `compat`: runs the compatibility report, prints the table, writes reports/compat.json and
 * reports/compat.md, and exits 1 on any regression (2 on a usage error).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderMarkdown, renderTerminal } from './report.js';
import { type CompatOptions, CompatUsageError, runCompat } from './run.js';

const USAGE = `Usage: compat [--at YYYY-MM-DD] [--versions 1.2,1.3] [--endpoint URL] [--reports DIR]

Runs every scenario through every SKE version's generated client and compares the outcomes.
  --at        judge the lifecycle on this day (default: today)
  --versions  only these versions
  --endpoint  a real SKE endpoint (credentials from SCP_ACCESS_KEY/SCP_SECRET_KEY or ~/.scpconf);
              scenarios that need the emulator's fixtures are skipped
  --reports   where to write compat.json and compat.md (default: reports/)
`;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: Io = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

export async function main(
  argv: string[],
  overrides: Partial<CompatOptions> = {},
  io: Io = processIo,
): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        at: { type: 'string' },
        versions: { type: 'string' },
        endpoint: { type: 'string' },
        reports: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    io.stderr(`compat: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const options: CompatOptions = { ...overrides };
  if (typeof values.at === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.at) || Number.isNaN(Date.parse(values.at))) {
      io.stderr(`compat: --at: expected a date such as 2025-12-01, received "${values.at}"\n`);
      return 2;
    }
    options.at = new Date(`${values.at}T00:00:00Z`);
  }
  if (typeof values.versions === 'string')
    options.versions = values.versions.split(',').map((version) => version.trim());
  if (typeof values.endpoint === 'string') {
    if (!/^https?:\/\/\S+$/.test(values.endpoint)) {
      io.stderr(`compat: --endpoint: expected an http(s) URL, received "${values.endpoint}"\n`);
      return 2;
    }
    options.endpoint = values.endpoint;
  }
  if (io === processIo) {
    // The lifecycle warnings are observed and reported in the table; do not also print them raw.
    process.removeAllListeners('warning');
  }
  let report: Awaited<ReturnType<typeof runCompat>>;
  try {
    report = await runCompat(options);
  } catch (error) {
    if (error instanceof CompatUsageError) {
      io.stderr(`compat: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const dir = (values.reports as string | undefined) ?? 'reports';
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'compat.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'compat.md'), renderMarkdown(report));
  io.stdout(`${renderTerminal(report)}\nreports: ${join(dir, 'compat.json')}, ${join(dir, 'compat.md')}\n`);
  if (report.summary.regressions > 0) {
    const failing = report.scenarios.flatMap((row) =>
      Object.entries(row.cells)
        .filter(([, cell]) => cell.mark === 'regression')
        .map(([version]) => `ske ${version} / ${row.id}`),
    );
    io.stderr(
      `compat: REGRESSION in ${[...failing, ...report.contract.differences.map((d) => `ske ${d.version} / contract ${d.pointer}`)].join('; ')}\n`,
    );
    return 1;
  }
  return 0;
}
