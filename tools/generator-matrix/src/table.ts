/** The generator matrix's report: one row per generator, one per Spectral run, and what cannot run here. */

export interface GeneratorRow {
  name: string;
  version: string;
  command: string;
  generated: boolean;
  typechecked: boolean;
  warnings?: string[];
  typeErrors?: string[];
  calls: { label: string; problem: string | undefined }[];
}

export interface SpectralRow {
  version: string;
  errors: number;
  warnings: number;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function callsCell(row: GeneratorRow): string {
  if (row.calls.length === 0) return 'not run';
  const wrong = row.calls.filter((entry) => entry.problem);
  const right = `${row.calls.length - wrong.length}/${row.calls.length} right`;
  return wrong.length === 0
    ? right
    : `${right}; ${wrong.map((entry) => `**${entry.label}**: ${entry.problem}`).join('; ')}`;
}

export function renderTable(report: {
  apiVersion: string;
  generators: GeneratorRow[];
  spectral: SpectralRow[];
  notTestable: { name: string; reason: string }[];
}): string {
  const lines = [
    '# Generator matrix',
    '',
    `Clients generated from @scp-ske/spec's ${report.apiVersion} document, typechecked with \`tsc --strict\`, and every`,
    "operation called against the emulator through @scp-ske/signing's `createSignedFetch`",
    '(`pnpm --filter @scp-ske/generator-matrix check`).',
    '',
    '| generator | generates | strict tsc | calls |',
    '| --- | --- | --- | --- |',
    ...report.generators.map((row) => {
      const generated = row.generated ? (row.warnings?.length ? `yes; ${row.warnings.join(' ')}` : 'yes') : 'no';
      const typed = row.typechecked ? 'yes' : row.typeErrors?.length ? `no: ${row.typeErrors.join(' ')}` : 'no';
      return `| ${row.name} ${row.version} | ${cell(generated)} | ${cell(typed)} | ${cell(callsCell(row))} |`;
    }),
    '',
    '| Spectral `spectral:oas` | errors | warnings |',
    '| --- | --- | --- |',
    ...report.spectral
      .sort((a, b) => a.version.localeCompare(b.version, 'en', { numeric: true }))
      .map((row) => `| ske ${row.version} | ${row.errors} | ${row.warnings} |`),
    '',
    'Not testable here:',
    '',
    ...report.notTestable.map((entry) => `- ${entry.name}: ${entry.reason}.`),
    '',
  ];
  return lines.join('\n');
}
