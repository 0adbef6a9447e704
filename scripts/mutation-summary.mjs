/**
 * Prints the mutation score of every package that ran Stryker (`reports/mutation/mutation.json`,
 * written by each package's `test:mutation`, cached by turbo with it): killed + timed out over all
 * valid mutants, as Stryker counts, beside the package's `thresholds.break`. Exits non-zero when a
 * score is under its threshold or when no report is found.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

const rows = [];
for (const name of readdirSync('packages')) {
  const file = join('packages', name, 'reports', 'mutation', 'mutation.json');
  if (!existsSync(file)) continue;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let detected = 0;
  let undetected = 0;
  const survivors = [];
  for (const [path, { mutants }] of Object.entries(report.files)) {
    for (const mutant of mutants) {
      if (DETECTED.has(mutant.status)) detected++;
      else if (UNDETECTED.has(mutant.status)) {
        undetected++;
        survivors.push(`${path}:${mutant.location.start.line} ${mutant.mutatorName} (${mutant.status})`);
      }
    }
  }
  const valid = detected + undetected;
  const score = valid === 0 ? 100 : (100 * detected) / valid;
  const breakAt = report.thresholds?.break ?? null;
  rows.push({ name: `packages/${name}`, valid, detected, score, breakAt, survivors });
}

if (rows.length === 0) {
  console.error('mutation: no report found (run `pnpm test:mutation`)');
  process.exit(1);
}
let failed = false;
for (const row of rows) {
  const pass = row.breakAt === null || row.score >= row.breakAt;
  failed ||= !pass;
  console.log(
    `mutation: ${row.name.padEnd(20)} ${row.score.toFixed(2).padStart(6)} % ` +
      `(${row.detected}/${row.valid} killed or timed out; break at ${row.breakAt ?? '-'} %) ${pass ? 'ok' : 'UNDER THRESHOLD'}`,
  );
  if (process.env.MUTATION_SURVIVORS) for (const survivor of row.survivors) console.log(`  survived: ${survivor}`);
}
process.exit(failed ? 1 : 0);
