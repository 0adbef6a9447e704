/**
 * The matrix's shape (rows, columns), what each cell that does not run or cannot pass says instead,
 * and its markdown, written to reports/runtime-matrix.md at the repository root (and this package's
 * reports/matrix.md).
 */
export interface Cell {
  pass: boolean;
  detail: string;
  /** Set when the cell fails for its documented reason (KNOWN_FAILURES). */
  expectedFailure?: string;
}
export type Matrix = Record<string, Record<string, Cell>>;

export const ROWS = ['host Node', 'node@22', 'node@24', 'node@26', 'Bun', 'Deno', 'workerd (Miniflare)', 'Chromium'];
export const COLUMNS = ['vectors', 'client', 'raw', 'require()', 'unit: signing', 'unit: client'];
export const TS_ROWS = [
  'bundler (ESM)',
  'nodenext (ESM)',
  'node16 (ESM)',
  'node16 (CommonJS), static import',
  'node16 (CommonJS), await import()',
  'nodenext (CommonJS), static import',
];

/** Cells the matrix does not run, and why. */
export const NOT_RUN: Record<string, string> = {
  'Bun × require()': 'not run: the CommonJS check is for Node',
  'Deno × require()': 'not run: the CommonJS check is for Node',
  'workerd (Miniflare) × require()': 'not run: no CommonJS in a Worker',
  'Chromium × require()': 'not run: no CommonJS in a page',
};
const UNIT_ROWS = new Set(['node@24', 'node@26']);

/** Cells that fail for a documented reason: the test fails if one of them starts passing. */
export const KNOWN_FAILURES: Record<string, string> = {
  'node16 (CommonJS), static import × typecheck':
    'TS1479: under `module: node16` a CommonJS file cannot import an ES module (every package is ESM-only); use `await import()`, or `module: nodenext` (TypeScript ≥ 5.8 types `require()` of ESM, which Node ≥ 20.19 runs)',
};

export function notRunReason(row: string, column: string): string | undefined {
  if (column.startsWith('unit:') && !UNIT_ROWS.has(row))
    return row === 'host Node'
      ? 'not run here: `pnpm test` runs them on the host Node'
      : 'not run: the unit suites run on the host Node, node@24 and node@26';
  return NOT_RUN[`${row} × ${column}`];
}

/** Marks the known failures; returns the cells that fail without a reason or pass despite one. */
export function judge(matrix: Matrix): string[] {
  const problems: string[] = [];
  for (const [row, cells] of Object.entries(matrix))
    for (const [column, cell] of Object.entries(cells)) {
      const reason = KNOWN_FAILURES[`${row} × ${column}`];
      if (!cell.pass && reason) cell.expectedFailure = reason;
      else if (!cell.pass) problems.push(`${row} × ${column}: ${cell.detail}`);
      else if (reason) problems.push(`${row} × ${column} passes now: remove its KNOWN_FAILURES entry`);
    }
  return problems;
}

const cellText = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

function show(cell: Cell | undefined, reason: string | undefined): string {
  if (!cell) return reason ? `— (${reason})` : '✗ not run';
  if (cell.pass) return `✓ ${cellText(cell.detail)}`;
  if (cell.expectedFailure) return `✗ documented: ${cellText(cell.expectedFailure)}`;
  return `✗ ${cellText(cell.detail)}`;
}

export function renderMatrix(matrix: Matrix, versions: Record<string, string>): string {
  const lines = [
    `| runtime | ${COLUMNS.join(' | ')} |`,
    `| --- | ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...ROWS.map(
      (row) =>
        `| ${row}${versions[row] ? ` ${versions[row]}` : ''} | ${COLUMNS.map((column) => show(matrix[row]?.[column], notRunReason(row, column))).join(' | ')} |`,
    ),
    '',
    '| TypeScript consumer (`moduleResolution`) | typecheck |',
    '| --- | --- |',
    ...TS_ROWS.map((row) => `| ${row} | ${show(matrix[row]?.typecheck, undefined)} |`),
  ];
  return `${lines.join('\n')}\n`;
}
