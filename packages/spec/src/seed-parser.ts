/**
 * Parses SCP's printable product documentation page (spec/ske/seed/*.txt) into per-version facts,
 * so that tests hold the bundled documents to the published contract instead of to a restatement.
 */

export interface SeedParameter {
  in: string;
  name: string;
  required: boolean;
  schema: string;
  enum: string[] | undefined;
  example: string | undefined;
}

export interface SeedVersion {
  version: string;
  method: string;
  path: string;
  description: string;
  state: string;
  /** `YYYY-MM-DD`, or null where the page shows `-`. */
  notBefore: string | null;
  parameters: SeedParameter[];
  responses: string[];
  headers: Record<string, string>;
}

const SECTION = /^\d+ - (\d+\.\d+)$/m;

function tableRows(lines: string[], header: RegExp): string[][] {
  const start = lines.findIndex((line) => header.test(line));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

function parseParameter([location = '', nameCell = '', description = '', schema = '']: string[]): SeedParameter {
  const [name = '', ...flags] = nameCell.split(/\s+/);
  const enumMatch = /^enum \((.*)\)$/.exec(schema);
  return {
    in: location,
    name,
    required: flags.includes('required'),
    schema: enumMatch ? 'string' : schema,
    enum: enumMatch?.[1]?.split(',').map((value) => value.trim()),
    example: /Example : (\S+)/.exec(description)?.[1],
  };
}

function parseSection(version: string, body: string): SeedVersion {
  const lines = body.split('\n').map((line) => line.trim());
  const [method = '', path = ''] = (lines.find((line) => /^(get|post|put|patch|delete) \//.test(line)) ?? '').split(
    ' ',
  );
  const descriptionAt = lines.indexOf('Description');
  const state = /^State \S+ \((\w+)\)$/.exec(lines.find((line) => line.startsWith('State ')) ?? '')?.[1] ?? '';
  const notBeforeCell = tableRows(lines, /^\| Version \| Not Before \|$/)[0]?.[1] ?? '';
  const headers: Record<string, string> = {};
  for (const match of body.matchAll(/^"([\w-]+) = (.*?)",?$/gm)) headers[match[1] as string] = match[2] as string;
  return {
    version,
    method: method.toUpperCase(),
    path,
    description: lines[descriptionAt + 1] ?? '',
    state,
    notBefore: /^\d{8}$/.test(notBeforeCell)
      ? `${notBeforeCell.slice(0, 4)}-${notBeforeCell.slice(4, 6)}-${notBeforeCell.slice(6)}`
      : null,
    parameters: tableRows(lines, /^\| Type \| Name \|/).map(parseParameter),
    responses: tableRows(lines, /^\| HTTP Code \|/).map(([code = '']) => code),
    headers,
  };
}

/** Every version section of the page, keyed by version. */
export function parseSeed(text: string): Map<string, SeedVersion> {
  const parts = text.split(SECTION);
  const versions = new Map<string, SeedVersion>();
  for (let index = 1; index < parts.length; index += 2) {
    const version = parts[index] as string;
    versions.set(version, parseSection(version, parts[index + 1] ?? ''));
  }
  return versions;
}
