/**
 * Renders a compatibility report: a terminal table, Markdown, and the JSON written to reports/. Rows
 * are grouped by operation (a header line with its method, path, IAM action, provenance and, for one
 * some versions lack, the version it is added in), after the rows across operations (the version
 * lifecycle, a cluster's and a nodepool's life); one table, so that the version columns line up from
 * top to bottom. Then the differences the spec declares between versions, each with its strength and
 * evidence (what the expected differences of the table rest on), and the contract comparison.
 */
import { describeDeclaredDifference } from '@scp-ske/spec';
import type { Cell } from './classify.js';
import { describeOutcome } from './outcome.js';
import type { CompatReport, OperationSummary, ScenarioRow } from './run.js';

const MARKS: Record<Cell['mark'], string> = { same: '✓', expected: '≠', regression: '✗', skipped: '–', 'n/a': '·' };
const LEGEND =
  '✓ same as the reference, ≠ expected difference (explained by the lifecycle, or declared by the spec with its evidence), ✗ regression, – skipped, · not applicable';
const ACROSS = 'Across operations: the version lifecycle, and a cluster’s and a nodepool’s life';

/** Numbers each distinct reason once, for footnotes. */
function footnotes() {
  const reasons: string[] = [];
  const numberOf = (reason: string) => {
    let index = reasons.indexOf(reason);
    if (index === -1) index = reasons.push(reason) - 1;
    return index + 1;
  };
  return { reasons, numberOf };
}

function cellText(cell: Cell, numberOf: (reason: string) => number): string {
  const label = cell.outcome ? describeOutcome(cell.outcome) : cell.mark === 'n/a' ? 'n/a' : 'skipped';
  const note = cell.reason && cell.mark !== 'same' ? ` [${numberOf(cell.reason)}]` : '';
  return `${MARKS[cell.mark]} ${label}${note}`;
}

interface Group {
  operation?: OperationSummary;
  /** The operationId, when the report does not describe the operation. */
  id?: string;
  rows: ScenarioRow[];
}

/** The rows by operation, in report order; the version-wide rows (the lifecycle) first. */
function groups(report: CompatReport): Group[] {
  const found = new Map<string, Group>();
  const first: Group = { rows: [] };
  for (const row of report.scenarios) {
    if (!row.operation) {
      first.rows.push(row);
      continue;
    }
    let group = found.get(row.operation);
    if (!group) {
      const operation = report.operations.find((candidate) => candidate.id === row.operation);
      group = { ...(operation ? { operation } : { id: row.operation }), rows: [] };
      found.set(row.operation, group);
    }
    group.rows.push(row);
  }
  return [...(first.rows.length > 0 ? [first] : []), ...found.values()];
}

/** Which of the report's versions the operation's provenance confirms, and which it only assumes unchanged. */
export function provenanceText(operation: OperationSummary, versions: string[]): string {
  const { provenance } = operation;
  if (!provenance) return 'provenance unknown';
  const described = versions.filter((version) => operation.versions.includes(version));
  const confirmed = described.filter((version) => provenance.confirmed.includes(version));
  const assumed = described.filter((version) => !provenance.confirmed.includes(version));
  const list = (some: string[]) => some.map((version) => `ske ${version}`).join(', ');
  if (assumed.length === 0) return `confirmed for ${list(confirmed)}`;
  if (confirmed.length > 0) return `confirmed for ${list(confirmed)}; assumed unchanged for ${list(assumed)}`;
  return `assumed unchanged for ${list(assumed)} (confirmed for ${list(provenance.confirmed) || 'no version'})`;
}

/** For an operation some selected versions lack by declaration: from which version, and which lack it. */
export function sinceText(operation: OperationSummary): string | undefined {
  const { since } = operation;
  if (!since) return undefined;
  return `from ske ${since.version} (${since.strength ?? 'strength not given'}), not in ${since.lacking.map((version) => `ske ${version}`).join(', ')}`;
}

function groupHeading(group: Group, versions: string[]): string {
  const { operation } = group;
  if (!operation) return group.id ?? ACROSS;
  const since = sinceText(operation);
  return `${operation.id}: ${operation.method} ${operation.path} · IAM ${operation.actionId ?? 'none'} · ${provenanceText(operation, versions)}${since ? ` · ${since}` : ''}`;
}

function header(report: CompatReport): string[] {
  return [
    'Scenario',
    ...report.versions.map((version) => `ske ${version}${version === report.reference ? ' (ref)' : ''}`),
  ];
}

/**
 * A row's cells. `compact` (the terminal) leaves out the label of a cell that reads exactly as the
 * reference's: `✓` alone then says "the same as the reference", and the table stays narrow.
 */
function rowCells(
  row: ScenarioRow,
  report: CompatReport,
  numberOf: (reason: string) => number,
  compact = false,
): string[] {
  const reference = row.cells[report.reference]?.outcome;
  return report.versions.map((version) => {
    const cell = row.cells[version] as Cell;
    const sameLabel =
      compact &&
      version !== report.reference &&
      cell.mark === 'same' &&
      cell.outcome !== undefined &&
      reference !== undefined &&
      describeOutcome(cell.outcome) === describeOutcome(reference);
    return sameLabel ? MARKS.same : cellText(cell, numberOf);
  });
}

const notApplicable = (row: ScenarioRow, report: CompatReport) => {
  const cells = report.versions.map((version) => row.cells[version]);
  return cells.every((cell) => cell?.mark === 'n/a') ? cells[0]?.reason : undefined;
};

/** The differences between versions the spec declares: what, where, which versions lack it, how sure, on what. */
function declaredLines(report: CompatReport): string[] {
  if (report.declared.length === 0) return ['Declared differences between versions: none.'];
  return [
    `Declared differences between versions (x-scp-since, x-scp-required-since): ${report.declared.length}`,
    ...report.declared.map(
      (difference) =>
        `  ${describeDeclaredDifference(difference)} · not in ${difference.lacking.map((version) => `ske ${version}`).join(', ')} · in ${difference.operations.join(', ') || 'no operation'} · ${difference.strength ?? 'strength not given'}: ${difference.evidence ?? 'no evidence given'}`,
    ),
  ];
}

function contractLines(report: CompatReport): string[] {
  const { differences, reference } = report.contract;
  const others = report.versions.filter((version) => version !== reference).map((version) => `ske ${version}`);
  if (differences.length === 0) {
    const narrowed = report.declared.length > 0 ? ' narrowed to each by the declared differences' : '';
    return [
      `Contract: ${others.join(', ') || 'no other version'} identical to ske ${reference}${narrowed} (version number and lifecycle aside).`,
    ];
  }
  return [
    `Contract: ${differences.length} undeclared difference(s) from ske ${reference}:`,
    ...differences.map(
      (difference) =>
        `  ske ${difference.version} ${difference.pointer}: ${JSON.stringify(difference.actual)} (ske ${reference}: ${JSON.stringify(difference.expected)})`,
    ),
  ];
}

function summaryLine(report: CompatReport): string {
  const { same, expected, regressions, skipped, notApplicable: none } = report.summary;
  return `compat: ${report.operations.length} operations × ${report.versions.length} versions (${report.scenarios.length} scenarios) on ${report.at} against the ${report.target}: ${same} same, ${expected} expected differences, ${regressions} regressions, ${skipped} skipped, ${none} not applicable`;
}

export function renderTerminal(report: CompatReport): string {
  const { reasons, numberOf } = footnotes();
  const head = header(report);
  const sections = groups(report).map((group) => ({
    heading: groupHeading(group, report.versions),
    rows: group.rows.map((row) => {
      const none = notApplicable(row, report);
      return none
        ? { title: `  ${row.title}`, span: `${MARKS['n/a']} ${none}` }
        : { title: `  ${row.title}`, cells: rowCells(row, report, numberOf, true) };
    }),
  }));
  const measured = [
    head,
    ...sections.flatMap((section) => section.rows.map((row) => [row.title, ...(row.cells ?? [])])),
  ];
  const widths = head.map((_, column) => Math.max(...measured.map((row) => [...(row[column] ?? '')].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [
    `SKE compatibility on ${report.at}: every scenario of every operation through every version's generated client`,
    `(${LEGEND}; a ✓ alone reads as the reference)`,
    '',
    line(head),
    line(widths.map((width) => '─'.repeat(width))),
    ...sections.flatMap((section) => [
      section.heading,
      ...section.rows.map((row) => (row.cells ? line([row.title, ...row.cells]) : line([row.title, row.span]))),
    ]),
    '',
    ...reasons.map((reason, index) => `[${index + 1}] ${reason}`),
    ...(reasons.length > 0 ? [''] : []),
    ...declaredLines(report),
    '',
    ...contractLines(report),
    summaryLine(report),
  ].join('\n');
}

export function renderMarkdown(report: CompatReport): string {
  const { reasons, numberOf } = footnotes();
  const head = header(report);
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  const tableRow = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const sections = groups(report).flatMap((group) => {
    const { operation } = group;
    const title = operation ? `${operation.id}: ${operation.title}` : (group.id ?? ACROSS);
    const since = operation && sinceText(operation);
    const facts = operation
      ? [
          `\`${operation.method} ${operation.path}\` · IAM action \`${operation.actionId ?? 'none'}\` · ${provenanceText(operation, report.versions)}.${operation.provenance ? ` Source: ${operation.provenance.document}.` : ''}${since ? ` ${since[0]?.toUpperCase()}${since.slice(1)}.` : ''}`,
          '',
        ]
      : [];
    return [
      `## ${title}`,
      '',
      ...facts,
      tableRow(head),
      `|${head.map(() => '---').join('|')}|`,
      ...group.rows.map((row) => tableRow([row.title, ...rowCells(row, report, numberOf)])),
      '',
    ];
  });
  return [
    `# SKE compatibility report (${report.at})`,
    '',
    `Every scenario of every operation through every version's generated client, against the ${report.target}. Reference: ske ${report.reference}.`,
    `${LEGEND}.`,
    '',
    ...sections,
    ...reasons.map((reason, index) => `${index + 1}. ${reason}`),
    '',
    ...declaredLines(report).map((text) => (text.startsWith('  ') ? `- ${text.trim()}` : text)),
    '',
    ...contractLines(report).map((text) => (text.startsWith('  ') ? `- ${text.trim()}` : text)),
    '',
    summaryLine(report),
    '',
  ].join('\n');
}
