/**
 * Benchmark helpers shared by every package's `bench` script. A figure is always measured beside
 * its baseline in the same run, in interleaved rounds (so drift on a noisy machine hits both), and
 * reported as medians with min and max plus the ratio, and a verdict against its target.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Median, min and max of a list of numbers. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], rounds: sorted.length };
}

/**
 * Runs `subject` and `baseline` alternately for `rounds` rounds (order flipped every round); each
 * returns one measurement. Returns both summaries and ratio = the median of the rounds' own ratios
 * (subject / baseline of the same round): the two halves of a round see the same machine, so a
 * round that a noisy neighbour slowed slows both, where a ratio of the two medians would pair
 * measurements from different moments.
 */
export async function compareInRounds({ rounds, subject, baseline, warmup = 1 }) {
  for (let round = 0; round < warmup; round++) {
    await subject();
    await baseline();
  }
  const subjectSamples = [];
  const baselineSamples = [];
  const ratios = [];
  for (let round = 0; round < rounds; round++) {
    let measured;
    let base;
    if (round % 2 === 0) {
      measured = await subject();
      base = await baseline();
    } else {
      base = await baseline();
      measured = await subject();
    }
    subjectSamples.push(measured);
    baselineSamples.push(base);
    ratios.push(measured / base);
  }
  return { value: summarize(subjectSamples), baseline: summarize(baselineSamples), ratio: summarize(ratios).median };
}

/** Time per call, in microseconds, of `iterations` synchronous calls of `fn`. */
export function microsecondsPerCall(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

/** Time per call, in microseconds, of `iterations` sequential awaited calls of `fn`. */
export async function microsecondsPerAsyncCall(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) await fn(i);
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

/** Whether `ratio` meets `target` ({ op: '<=' | '>=', value }). */
export function meets(ratio, target) {
  return target.op === '<=' ? ratio <= target.value : ratio >= target.value;
}

/**
 * Builds a figure record: { id, description, unit, value, baseline: { name, ... }, ratio, target, pass }.
 * The target applies to the ratio (default) or, with targetOn: 'value', to the value's median;
 * a figure without a target (target: null) is informational (pass: null).
 */
export function figure({ id, description, unit, result, baselineName, target = null, targetOn = 'ratio', extra }) {
  const ratio = Math.round(result.ratio * 1000) / 1000;
  const judged = targetOn === 'value' ? result.value.median : ratio;
  return {
    id,
    description,
    unit,
    value: result.value,
    baseline: { name: baselineName, ...result.baseline },
    ratio,
    target: target && { ...target, on: targetOn },
    pass: target && meets(judged, target),
    ...extra,
  };
}

/**
 * Writes `<packageDir>/reports/bench/<subject>.json` ({ package: subject, figures }), one file per
 * benchmark script, and prints each figure.
 */
export function writeFigures(packageDir, subject, figures) {
  const dir = join(packageDir, 'reports', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = `${subject.replace(/[^a-z0-9.-]+/gi, '_').replace(/^_+/, '')}.json`;
  writeFileSync(join(dir, file), `${JSON.stringify({ package: subject, figures }, null, 2)}\n`);
  for (const f of figures) {
    const verdict = f.pass === null ? 'INFO' : f.pass ? 'PASS' : 'FAIL';
    const target = f.target ? `target: ${f.target.on} ${f.target.op} ${f.target.value}` : 'no target';
    console.log(
      `${verdict} ${f.id}: ${f.value.median.toFixed(3)} ${f.unit} vs ${f.baseline.name} ` +
        `${f.baseline.median.toFixed(3)} ${f.unit} → ratio ${f.ratio} (${target})`,
    );
  }
}
