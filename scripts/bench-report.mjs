/**
 * Collects every package's reports/bench/*.json (written by its `bench` scripts) into the root
 * reports/bench.json and prints one table: figure, value, baseline, ratio, target, verdict.
 * Shape of reports/bench.json: { generatedAt, node, cpus, figures: [{ package, id, description,
 * unit, value: { median, min, max, rounds }, baseline: { name, median, min, max, rounds }, ratio,
 * target: { op, value }, pass }] }.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const figures = [];
for (const root of ['packages', 'apps', 'tools']) {
  if (!existsSync(root)) continue;
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name, 'reports', 'bench');
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      for (const figure of report.figures) figures.push({ package: report.package, ...figure });
    }
  }
}

const report = { generatedAt: new Date().toISOString(), node: process.version, cpus: availableParallelism(), figures };
mkdirSync('reports', { recursive: true });
writeFileSync('reports/bench.json', `${JSON.stringify(report, null, 2)}\n`);

const format = (summary, unit) =>
  `${summary.median.toFixed(3)} ${unit} [${summary.min.toFixed(3)}–${summary.max.toFixed(3)}]`;
const rows = figures.map((f) => ({
  figure: f.id,
  value: format(f.value, f.unit),
  baseline: `${f.baseline.name}: ${format(f.baseline, f.unit)}`,
  ratio: f.ratio,
  target: f.target ? `${f.target.on ?? 'ratio'} ${f.target.op} ${f.target.value}` : '–',
  verdict: f.pass === null ? 'info' : f.pass ? 'pass' : 'FAIL',
}));
console.table(rows);
const judged = figures.filter((f) => f.pass !== null);
const passed = judged.filter((f) => f.pass).length;
console.log(
  `bench: ${passed} of ${judged.length} targets met (${figures.length - judged.length} informational); medians [min–max]; written to reports/bench.json`,
);
