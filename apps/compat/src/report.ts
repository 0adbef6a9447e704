/** Renders a compatibility report: a terminal table, Markdown, and the JSON written to reports/. */
import type { Cell } from './classify.js';
import { describeOutcome } from './outcome.js';
import type { CompatReport } from './run.js';

const MARKS: Record<Cell['mark'], string> = { same: '✓', expected: '≠', regression: '✗', skipped: '–' };

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
  const label = cell.outcome ? describeOutcome(cell.outcome) : 'skipped';
  const note = cell.reason && cell.mark !== 'same' ? ` [${numberOf(cell.reason)}]` : '';
  return `${MARKS[cell.mark]} ${label}${note}`;
}

function table(report: CompatReport) {
  const { reasons, numberOf } = footnotes();
  const header = [
    'Scenario',
    ...report.versions.map((version) => `ske ${version}${version === report.reference ? ' (ref)' : ''}`),
  ];
  const rows = report.scenarios.map((row) => [
    row.title,
    ...report.versions.map((version) => cellText(row.cells[version] as Cell, numberOf)),
  ]);
  return { header, rows, reasons };
}

function contractLines(report: CompatReport): string[] {
  const { differences, reference } = report.contract;
  const others = report.versions.filter((version) => version !== reference).map((version) => `ske ${version}`);
  if (differences.length === 0) {
    return [
      `Contract: ${others.join(', ') || 'no other version'} identical to ske ${reference} (version number and lifecycle aside).`,
    ];
  }
  return [
    `Contract: ${differences.length} difference(s) from ske ${reference}:`,
    ...differences.map(
      (difference) =>
        `  ske ${difference.version} ${difference.pointer}: ${JSON.stringify(difference.actual)} (ske ${reference}: ${JSON.stringify(difference.expected)})`,
    ),
  ];
}

function summaryLine(report: CompatReport): string {
  const { same, expected, regressions, skipped } = report.summary;
  return `compat: ${report.scenarios.length} scenarios × ${report.versions.length} versions on ${report.at} against the ${report.target}: ${same} same, ${expected} expected differences, ${regressions} regressions, ${skipped} skipped`;
}

export function renderTerminal(report: CompatReport): string {
  const { header, rows, reasons } = table(report);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => [...(row[column] ?? '')].length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ');
  return [
    `SKE compatibility on ${report.at}: every scenario through every version's generated client (✓ same as the reference, ≠ expected difference, ✗ regression, – skipped)`,
    '',
    line(header),
    line(widths.map((width) => '─'.repeat(width))),
    ...rows.map(line),
    '',
    ...reasons.map((reason, index) => `[${index + 1}] ${reason}`),
    ...(reasons.length > 0 ? [''] : []),
    ...contractLines(report),
    summaryLine(report),
  ].join('\n');
}

export function renderMarkdown(report: CompatReport): string {
  const { header, rows, reasons } = table(report);
  const escapeCell = (cell: string) => cell.replaceAll('|', '\\|');
  return [
    `# SKE compatibility report (${report.at})`,
    '',
    `Every scenario through every version's generated client, against the ${report.target}. Reference: ske ${report.reference}.`,
    '✓ same as the reference, ≠ expected difference (explained by the lifecycle), ✗ regression, – skipped.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`),
    '',
    ...reasons.map((reason, index) => `${index + 1}. ${reason}`),
    '',
    ...contractLines(report).map((text) => (text.startsWith('  ') ? `- ${text.trim()}` : text)),
    '',
    summaryLine(report),
    '',
  ].join('\n');
}
