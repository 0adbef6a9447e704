/**
 * The build pipeline's own figures, measured in fresh clones of the committed tree. A pipeline run is
 * what `pnpm test` runs through turbo: `turbo run bundle generate` (the generated files), then
 * `turbo run build typecheck test` (everything that reads them):
 * - a cold run (no cache), beside the unchanged rerun that follows;
 * - the unchanged rerun: every task must be a cache hit;
 * - a one-line change to the ske 1.2 root: which tasks re-run (only those that depend on 1.2 should);
 * - a one-line change to a shared component: every version's package must re-run;
 * - scale: lint + bundle + generate for 4 versions and for 40 (36 synthetic roots, never committed);
 *   the cost per version should stay flat (at most 12× for 10× the versions).
 * The release-level suites (the `check` task: packed packages, the release rehearsal, the runtime
 * matrix) are not part of these runs, as they are not part of `pnpm test`: `pnpm check` runs them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, summarize, writeFigures } from '@scp-ske/bench-kit';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1', CI: 'true' };
const sh = (command, args, cwd) =>
  execFileSync(command, args, { cwd, env, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' });
const seconds = (start) => (performance.now() - start) / 1000;
const one = (value) => summarize([value]);
const work = mkdtempSync(join(tmpdir(), 'scp-ske-pipeline-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));

function freshClone(name) {
  const dir = join(work, name);
  sh('git', ['clone', '--quiet', '--no-hardlinks', REPO, dir]);
  sh('pnpm', ['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent'], dir);
  return dir;
}

/** Runs turbo with a run summary; returns the time and each task's cache status. */
function turboRun(dir, tasks) {
  const runs = join(dir, '.turbo', 'runs');
  const before = new Set(
    (() => {
      try {
        return readdirSync(runs);
      } catch {
        return [];
      }
    })(),
  );
  const start = performance.now();
  sh('pnpm', ['exec', 'turbo', 'run', ...tasks, '--summarize', '--output-logs=errors-only'], dir);
  const time = seconds(start);
  const file = readdirSync(runs).find((name) => !before.has(name));
  const summary = JSON.parse(readFileSync(join(runs, file), 'utf8'));
  const statuses = Object.fromEntries(summary.tasks.map((task) => [task.taskId, task.cache.status]));
  return { time, statuses };
}

/** One pipeline run, both phases: each task's cache status (a task of both phases counts once, re-run if either did). */
function turbo(dir) {
  const generated = turboRun(dir, ['bundle', 'generate']);
  const checked = turboRun(dir, ['build', 'typecheck', 'test']);
  const statuses = { ...generated.statuses };
  for (const [task, status] of Object.entries(checked.statuses)) {
    statuses[task] = statuses[task] && statuses[task] !== 'HIT' ? statuses[task] : status;
  }
  return { time: generated.time + checked.time, statuses };
}

const reranTasks = (run) =>
  Object.entries(run.statuses)
    .filter(([, status]) => status !== 'HIT')
    .map(([task]) => task);

const figures = [];

// Cold, rerun, one-line change.
const pipeline = freshClone('pipeline');
const cold = turbo(pipeline);
const rerun = turbo(pipeline);
const total = Object.keys(rerun.statuses).length;
const hits = Object.values(rerun.statuses).filter((status) => status === 'HIT').length;
figures.push(
  figure({
    id: 'pipeline.cold',
    description: `cold pipeline run (\`turbo run bundle generate\`, then \`turbo run build test\`) in a fresh clone (no cache), ${Object.keys(cold.statuses).length} tasks, beside the unchanged rerun`,
    unit: 's',
    result: { value: one(cold.time), baseline: one(rerun.time), ratio: cold.time / rerun.time },
    baselineName: 'unchanged rerun',
  }),
  figure({
    id: 'pipeline.rerun-cache-hits',
    description: `unchanged rerun of the pipeline: ${hits} of ${total} tasks were cache hits (${rerun.time.toFixed(2)} s)`,
    unit: 'tasks',
    result: { value: one(hits), baseline: one(total), ratio: hits / total },
    baselineName: 'tasks',
    target: { op: '>=', value: 1 },
  }),
);

const root12 = join(pipeline, 'spec', 'ske', 'ske-1.2.yaml');
writeFileSync(root12, readFileSync(root12, 'utf8').replace(/summary: (.*)/, 'summary: $1 (edited)'));
const changed = turbo(pipeline);
const reran = reranTasks(changed);
// What reads the ske 1.2 document: the spec package, the generator, client-1.2, and whatever uses every version.
const dependsOn12 = (task) => !/^@scp-ske\/(client-1\.[013]|signing|bench-kit)#/.test(task);
const outside = reran.filter((task) => !dependsOn12(task));
figures.push(
  figure({
    id: 'pipeline.change-1.2',
    description: `a one-line change to spec/ske/ske-1.2.yaml re-ran ${reran.length} of ${total} tasks (${changed.time.toFixed(1)} s); outside what depends on 1.2: ${outside.join(', ') || 'none'}`,
    unit: 'tasks',
    result: {
      value: one(outside.length),
      baseline: one(reran.length),
      ratio: reran.length ? outside.length / reran.length : 0,
    },
    baselineName: 'tasks re-run',
    target: { op: '<=', value: 0 },
    targetOn: 'value',
    extra: { reran, outside },
  }),
);

// A shared component: every version's package must follow it (here, a description in a shared schema).
const shared = join(pipeline, 'spec', 'ske', 'components', 'schemas', 'Cluster.yaml');
writeFileSync(
  shared,
  readFileSync(shared, 'utf8').replace("description: The cluster's name.", "description: The cluster's name (edited)."),
);
const sharedRun = turbo(pipeline);
const sharedReran = reranTasks(sharedRun);
const versionPackages = [
  ...new Set(
    Object.keys(sharedRun.statuses)
      .map((task) => /^@scp-ske\/client-(\d+\.\d+)#/.exec(task)?.[1])
      .filter(Boolean),
  ),
];
// A version follows when its package is rebuilt and typechecked, and the suite over every version's client re-ran.
const suiteReran = sharedReran.includes('@scp-ske/client-tests#test');
const followed = versionPackages.filter(
  (version) =>
    suiteReran && ['build', 'typecheck'].every((task) => sharedReran.includes(`@scp-ske/client-${version}#${task}`)),
);
figures.push(
  figure({
    id: 'pipeline.change-shared',
    description: `a one-line change to a shared component (spec/ske/components/schemas/Cluster.yaml) re-ran ${sharedReran.length} of ${Object.keys(sharedRun.statuses).length} tasks (${sharedRun.time.toFixed(1)} s); versions whose client was rebuilt and retested: ${followed.join(', ') || 'none'} of ${versionPackages.join(', ')}`,
    unit: 'versions',
    result: {
      value: one(followed.length),
      baseline: one(versionPackages.length),
      ratio: followed.length / versionPackages.length,
    },
    baselineName: 'versions',
    target: { op: '>=', value: 1 },
    extra: { reran: sharedReran },
  }),
);
rmSync(pipeline, { recursive: true, force: true });

// Scale: 4 versions, then 40.
const scale = freshClone('scale');
const specPackage = join(scale, 'packages', 'spec');
const clientPackage = join(scale, 'packages', 'client');
function lintBundleGenerate() {
  sh(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@scp-ske/spec', '--filter=@scp-ske/client', '--output-logs=none'],
    scale,
  );
  const start = performance.now();
  sh('pnpm', ['exec', 'redocly', 'lint', '--config', '../../redocly.yaml'], specPackage);
  sh('node', ['scripts/bundle.mjs'], specPackage);
  sh('pnpm', ['--filter', '@scp-ske/spec', 'build'], scale);
  sh('node', ['../codegen/bin/generate.mjs'], clientPackage);
  return seconds(start);
}
const four = lintBundleGenerate();
const template = readFileSync(join(scale, 'spec', 'ske', 'ske-1.2.yaml'), 'utf8');
for (let minor = 4; minor < 40; minor++) {
  const version = `1.${minor}`;
  writeFileSync(
    join(scale, 'spec', 'ske', `ske-${version}.yaml`),
    template.replaceAll('1.2', version).replace('2026-10-14', '2027-01-01'),
  );
}
const config = readFileSync(join(scale, 'redocly.yaml'), 'utf8');
const extraApis = Array.from(
  { length: 36 },
  (_, index) => `  ske@1.${index + 4}: { root: spec/ske/ske-1.${index + 4}.yaml }`,
).join('\n');
writeFileSync(join(scale, 'redocly.yaml'), config.replace(/( {2}ske@1\.3: .*\n)/, `$1${extraApis}\n`));
lintBundleGenerate(); // writes the 36 new packages (the generator only writes: nothing is linked or built here)
const forty = lintBundleGenerate();
figures.push(
  figure({
    id: 'pipeline.scale-40-versions',
    description: `redocly lint + bundle + generate, 40 versions (36 synthetic) vs 4, steady state (packages already created)`,
    unit: 's',
    result: { value: one(forty), baseline: one(four), ratio: forty / four },
    baselineName: '4 versions',
    target: { op: '<=', value: 12 },
  }),
);
writeFigures(new URL('.', import.meta.url).pathname, 'pipeline', figures);
