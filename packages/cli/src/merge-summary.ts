/**
 * What `kubeconfig merge` prints: one line per file the merge touched (what was added, replaced or
 * kept there, and whether the file was created, updated or left as it was), the current context when
 * it stays another one, the backups written, and for a dry run that nothing was written.
 */
import type { Change } from './kubeconfig-merge.js';
import type { MergeReport } from './merge-files.js';

const SINGULAR = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;

function describeChange(change: Change): string {
  if (change.section === 'current-context') {
    return `current-context → ${change.name} (${change.previous ? `was ${change.previous}` : 'there was none'})`;
  }
  return `${SINGULAR[change.section]} ${change.name} ${change.action}`;
}

export function mergeSummary(report: MergeReport, server: string): string {
  const lines: string[] = [];
  const { dryRun, context, currentContext } = report;
  if (!report.changed) {
    const file = report.changes.find((change) => change.section === 'contexts')?.file;
    lines.push(`${file} already has context ${context} for ${server}: nothing ${dryRun ? 'would change' : 'changed'}`);
  } else {
    for (const file of [...new Set(report.changes.map((change) => change.file))]) {
      const list = report.changes.filter((change) => change.file === file).map(describeChange);
      const written = report.files.find((outcome) => outcome.path === file);
      if (!written) {
        lines.push(`Unchanged ${file}: ${list.join(', ')}`);
        continue;
      }
      const verb = written.created ? (dryRun ? 'Would create' : 'Created') : dryRun ? 'Would update' : 'Updated';
      const link = written.target === file ? '' : ` (a link to ${written.target})`;
      lines.push(`${verb} ${file}${link}: ${list.join(', ')}`);
    }
  }
  const replacedCurrent = report.changes.some(
    (change) => change.section === 'contexts' && change.action === 'replaced' && currentContext.before === context,
  );
  if (replacedCurrent) lines.push(`${context} is the current context: kubectl now uses ${server}`);
  if (currentContext.after !== context) {
    const current = currentContext.after === '' ? 'none' : currentContext.after;
    lines.push(`Current context: ${current} (unchanged; --set-current switches to ${context})`);
  }
  for (const outcome of report.files) {
    if (outcome.backup) lines.push(`Previous version of ${outcome.path} kept as ${outcome.backup}`);
  }
  if (dryRun && report.changed) lines.push('Dry run: nothing was written.');
  return `${lines.join('\n')}\n`;
}
