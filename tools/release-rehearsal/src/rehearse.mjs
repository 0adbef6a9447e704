#!/usr/bin/env node
/**
 * `pnpm release:rehearse`: the release flow of RELEASING.md, end to end, against a real npm registry.
 *
 * 1. Clones the repository's HEAD into a temporary folder (the committed code, as CI's fresh clone has it),
 *    installs it (`pnpm install --frozen-lockfile --offline`), and starts Verdaccio on 127.0.0.1 with a
 *    throw-away storage (registry.mjs).
 * 2. Release 1: `pnpm release:version` (changeset version + the baseline in packages/spec/released/), commit,
 *    `pnpm release:build`, `pnpm changeset publish` against Verdaccio.
 * 3. An empty npm project installs @scp-ske/client-1.3, @scp-ske/cli and @scp-ske/emulator from it and runs
 *    consumer.mjs: the installed emulator, every operation of the installed client, the installed scp-ske bin.
 * 4. A breaking spec edit (a required query parameter `region` on GET /v1/clusters), regenerated; the
 *    breaking-change gate (the spec package's release-gate.test.ts, as `pnpm test` runs it) refuses it
 *    without a changeset; the release plan of a changeset for the spec and its client alone is recorded; a changeset is
 *    added, the gate passes; release 2 (version, commit, build, publish).
 * 5. The first project re-installs from scratch (its caret ranges) and still gets the first contract; a new
 *    project installing `@latest` gets the new one. Every published manifest and tarball is checked for a
 *    `workspace:` or `catalog:` specifier.
 *
 * Prints each step with what it showed, writes reports/release-rehearsal.{md,json} (and every command's
 * output to reports/release-rehearsal-commands.log) in this package, stops Verdaccio and deletes the
 * temporary folder (`--keep` keeps it). Exits 1 when an expectation fails.
 *
 * `node tools/release-rehearsal/src/rehearse.mjs [--repo DIR] [--keep] [--json FILE] [--report FILE]`
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installVerdaccio, packument, startRegistry } from './registry.mjs';
import { run } from './run.mjs';

const TOOL = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? resolve(argv[argv.indexOf(name) + 1] ?? fallback) : fallback);
/** The repository whose HEAD is rehearsed: this one, or `--repo DIR`. */
const REPO = option('--repo', resolve(TOOL, '..', '..'));
const KEEP = argv.includes('--keep');
const REPORTS = join(TOOL, 'reports');
const JSON_FILE = option('--json', join(REPORTS, 'release-rehearsal.json'));
const REPORT_FILE = option('--report', join(REPORTS, 'release-rehearsal.md'));
const COMMANDS_LOG = join(REPORTS, 'release-rehearsal-commands.log');

/** The rehearsal's breaking edit: a new required query parameter of GET /v1/clusters, in every version. */
const EDIT = {
  parameterFile: 'spec/ske/components/parameters/Region.yaml',
  parameter: [
    'name: region',
    'in: query',
    'required: true',
    "description: The region whose clusters to list (the release rehearsal's breaking change).",
    'schema:',
    '  type: string',
    'example: kr-west1',
    '',
  ].join('\n'),
  operationFile: 'spec/ske/paths/clusters.yaml',
  after: '    - $ref: ../components/parameters/SubnetIdFilter.yaml\n',
  reference: '    - $ref: ../components/parameters/Region.yaml\n',
};
const CHANGESET = '.changeset/rehearsal-region.md';
/** The gate as `pnpm test` runs it: the spec package's test of the repository itself (not its tests on copies). */
const GATE_TEST = 'the release gate on this repository';
const SPEC = '@scp-ske/spec';
const CLIENT = '@scp-ske/client-1.3';
const BAD_SPECIFIER = /^(workspace|catalog):/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

// ---- output -------------------------------------------------------------------------------------------
mkdirSync(REPORTS, { recursive: true });
writeFileSync(COMMANDS_LOG, '');
const log = {
  command: (line) => console.log(`  ${line}`),
  output: (text) => appendFileSync(COMMANDS_LOG, text.replace(ANSI, '')),
};
const show = (text) => console.log(`  │ ${String(text).split('\n').join('\n  │ ')}`);
const timings = {};
let stepName = '';
let stepStarted = Date.now();
const step = (title) => {
  if (stepName) timings[stepName] = Date.now() - stepStarted;
  stepName = title;
  stepStarted = Date.now();
  console.log(`\n▶ ${title}`);
};
const expectations = [];
const expect = (name, ok, detail = '') => {
  expectations.push({ name, ok: Boolean(ok), detail });
  console.log(`  ${ok ? '✓' : '✗'} ${name}${detail ? `: ${detail}` : ''}`);
};

// ---- helpers ------------------------------------------------------------------------------------------
/**
 * This process's environment without what a script runner (pnpm, npm), turbo and vitest set for their
 * children: the clone's commands run as from a shell. npm settings of the machine (npm_config_*) stay.
 */
function cleanEnv() {
  const env = {};
  const runners =
    /^(npm_(package|lifecycle)_|npm_config_user_agent$|npm_(node_)?execpath$|npm_command$|PNPM_PACKAGE_NAME$|TURBO_|VITEST|NODE_ENV$|NODE_OPTIONS$|FORCE_COLOR$|TEST$)/;
  for (const [key, value] of Object.entries(process.env)) if (!runners.test(key)) env[key] = value;
  return { ...env, NO_COLOR: '1', TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
}
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const semver = (version) => version.split(/[.-]/).slice(0, 3).map(Number);
const bumped = (version, type) => {
  const [major, minor, patch] = semver(version);
  if (type === 'major') return `${major + 1}.0.0`;
  if (type === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
};

/** Every string in `value` that is a `workspace:` or `catalog:` specifier, with where it is. */
function badSpecifiers(value, path = '') {
  if (typeof value === 'string') return BAD_SPECIFIER.test(value) ? [`${path} = ${value}`] : [];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => badSpecifiers(inner, path ? `${path}.${key}` : key));
}

/** The clone's publishable packages (packages/*, not private), with their versions. */
function publishable(clone) {
  const dir = join(clone, 'packages');
  return readdirSync(dir)
    .filter((entry) => existsSync(join(dir, entry, 'package.json')))
    .map((entry) => readJson(join(dir, entry, 'package.json')))
    .filter((manifest) => manifest.private !== true)
    .map(({ name, version }) => ({ name, version }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// ---- the rehearsal ------------------------------------------------------------------------------------
const root = mkdtempSync(join(tmpdir(), 'scp-ske-rehearsal-'));
const clone = join(root, 'clone');
const env = cleanEnv();
const gitEnv = {
  ...env,
  GIT_AUTHOR_NAME: 'scp-ske release rehearsal',
  GIT_AUTHOR_EMAIL: 'rehearsal@localhost',
  GIT_COMMITTER_NAME: 'scp-ske release rehearsal',
  GIT_COMMITTER_EMAIL: 'rehearsal@localhost',
  GIT_CONFIG_COUNT: '2',
  GIT_CONFIG_KEY_0: 'commit.gpgsign',
  GIT_CONFIG_VALUE_0: 'false',
  GIT_CONFIG_KEY_1: 'tag.gpgsign',
  GIT_CONFIG_VALUE_1: 'false',
};
const inClone = (command, args, options = {}) =>
  run(command, args, { cwd: clone, env: gitEnv, log, where: 'clone', ...options });
const result = { startedAt: new Date().toISOString(), node: process.version, expectations, timings };
let registry;
const started = Date.now();

async function publish(label) {
  const npmrc = join(clone, '.npmrc');
  writeFileSync(npmrc, `registry=${registry.url}\n//127.0.0.1:${registry.port}/:_authToken=rehearsal\n`);
  show(`.npmrc (not committed): registry=${registry.url}, //127.0.0.1:${registry.port}/:_authToken=…`);
  let output;
  try {
    ({ output } = await inClone('pnpm', ['changeset', 'publish'], {
      env: { ...gitEnv, npm_config_registry: registry.url },
    }));
  } finally {
    rmSync(npmrc, { force: true });
  }
  const marker = output.indexOf('packages published successfully');
  const published = [...(marker < 0 ? '' : output.slice(marker)).matchAll(/(@scp-ske\/[^@\s]+)@(\d+\.\d+\.\d+\S*)/g)]
    .map(([, name, version]) => `${name}@${version}`)
    .filter((entry, index, all) => all.indexOf(entry) === index)
    .sort();
  show(`published: ${published.join(', ') || 'nothing'}`);
  const local = publishable(clone);
  const onRegistry = {};
  for (const { name } of local) onRegistry[name] = (await packument(registry.url, name))?.['dist-tags']?.latest;
  const versions = Object.fromEntries(local.map(({ name, version }) => [name, version]));
  expect(
    `${label}: every publishable package is on the registry at its version (dist-tag latest)`,
    local.every(({ name, version }) => onRegistry[name] === version),
    local.map(({ name }) => `${name}@${onRegistry[name] ?? 'missing'}`).join(', '),
  );
  return { published, versions };
}

/** Every version of every package on the registry: its manifest there, and package.json in its tarball. */
async function checkManifests(names) {
  const offending = [];
  let manifests = 0;
  for (const name of names) {
    const document = await packument(registry.url, name);
    for (const [version, manifest] of Object.entries(document?.versions ?? {})) {
      manifests += 1;
      for (const found of badSpecifiers(manifest)) offending.push(`${name}@${version} (registry manifest): ${found}`);
      const tarball = join(root, 'tarball.tgz');
      writeFileSync(tarball, Buffer.from(await (await fetch(manifest.dist.tarball)).arrayBuffer()));
      const { stdout } = await run('tar', ['-xzOf', tarball, 'package/package.json'], { cwd: root, env, log });
      for (const found of badSpecifiers(JSON.parse(stdout))) offending.push(`${name}@${version} (tarball): ${found}`);
    }
  }
  return { manifests, tarballs: manifests, offending };
}

async function gate() {
  const { code, output } = await inClone(
    'pnpm',
    ['--filter', SPEC, 'exec', 'vitest', 'run', 'src/release-gate.test.ts', '-t', GATE_TEST],
    { allowFailure: true },
  );
  const text = output.replace(ANSI, '');
  const refusals = [...new Set([...text.matchAll(/"(ske \d+\.\d+: [^"\n]*)"/g)].map(([, message]) => message))];
  const summary = [...new Set(text.match(/^ske \d+\.\d+ \(against its released document\)[^\n]*/gm) ?? [])];
  const tests = text.match(/^\s*Tests\s+\d[^\n]*/m)?.[0]?.trim();
  return { exitCode: code, refusals, summary, tests };
}

async function releasePlan(name) {
  const file = join(root, `${name}.json`);
  await inClone('pnpm', ['changeset', 'status', `--output=${file}`], { allowFailure: true });
  return readJson(file)
    .releases.filter(({ type }) => type !== 'none')
    .map(({ name, type, oldVersion, newVersion }) => ({ name, type, oldVersion, newVersion }));
}

function newProject(name) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  // Our scope from the rehearsal's registry; everything else from wherever npm gets it (its cache, the registry).
  writeFileSync(join(dir, '.npmrc'), `@scp-ske:registry=${registry.url}\n`);
  copyFileSync(join(TOOL, 'src', 'consumer.mjs'), join(dir, 'consumer.mjs'));
  return dir;
}
const npm = (dir, args) =>
  run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: dir,
    env,
    log,
    where: dir.slice(root.length + 1),
  });

/** Every @scp-ske package npm installed in `dir`, with every version of it there. */
async function installedTree(dir) {
  const { stdout } = await run('npm', ['ls', '--all', '--json'], { cwd: dir, env, log, allowFailure: true });
  const all = {};
  const walk = (dependencies = {}) => {
    for (const [name, node] of Object.entries(dependencies)) {
      if (name.startsWith('@scp-ske/') && node.version)
        all[name] = [...new Set([...(all[name] ?? []), node.version])].sort();
      walk(node.dependencies);
    }
  };
  const tree = JSON.parse(stdout);
  walk(tree.dependencies);
  return {
    top: Object.fromEntries(Object.entries(tree.dependencies ?? {}).map(([n, node]) => [n, node.version])),
    all,
  };
}

async function consume(dir, { cli }) {
  const { code, stdout } = await run('node', ['consumer.mjs'], {
    cwd: dir,
    env: { ...env, CONSUMER_CLI: cli ? '1' : '0' },
    log,
    where: dir.slice(root.length + 1),
    allowFailure: true,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  let report;
  try {
    report = JSON.parse(line);
  } catch {
    report = { error: `no JSON from consumer.mjs: ${stdout.slice(-2_000)}` };
  }
  const calls = Object.entries(report.operations ?? {})
    .map(([id, call]) => `${id} ${call.status ?? call.code}`)
    .join(', ');
  show(`installed: ${JSON.stringify(report.installed)}`);
  show(`listClusters parameters: ${report.contract?.listClustersParameters?.join(', ')}`);
  show(`calls: ${calls}; getUserKubeconfig ${report.conveniences?.getUserKubeconfig?.contexts ?? 'failed'}`);
  if (report.cli)
    show(
      `scp-ske ${report.cli.version} clusters list → exit ${report.cli.clustersList.exitCode}\n${report.cli.clustersList.stdout || report.cli.clustersList.stderr}`,
    );
  return { exitCode: code, ...report };
}
const allAnswered = (report) =>
  Object.values(report.operations ?? {}).length > 0 &&
  Object.values(report.operations).every((call) => call.status === 200) &&
  Object.values(report.conveniences ?? {}).every((call) => call.error === undefined);

try {
  // -------------------------------------------------------------------------------------------------------
  step('A temporary clone of HEAD, installed');
  const head = (await run('git', ['rev-parse', 'HEAD'], { cwd: REPO, env, log })).stdout.trim();
  result.head = head;
  show(`HEAD ${head}`);
  const verdaccio = installVerdaccio({ env, log });
  verdaccio.catch(() => {}); // awaited below; the clone's failure is the one to report first
  await run('git', ['clone', '--quiet', '--no-checkout', '--no-tags', REPO, clone], { cwd: root, env, log });
  await inClone('git', ['fetch', '--quiet', '--no-tags', REPO, 'HEAD']);
  await inClone('git', ['checkout', '--quiet', '-B', 'main', 'FETCH_HEAD']);
  try {
    await inClone('pnpm', ['install', '--frozen-lockfile', '--offline']);
    result.install = 'pnpm install --frozen-lockfile --offline';
  } catch (error) {
    show(`--offline failed (a package is not in the pnpm store): ${String(error.message).split('\n')[1] ?? ''}`);
    await inClone('pnpm', ['install', '--frozen-lockfile', '--prefer-offline']);
    result.install = 'pnpm install --frozen-lockfile --prefer-offline';
  }

  // -------------------------------------------------------------------------------------------------------
  step('Release 1: pnpm release:version, commit, pnpm release:build');
  const pending = readdirSync(join(clone, '.changeset')).filter((file) => file.endsWith('.md') && file !== 'README.md');
  show(`pending changesets: ${pending.length}`);
  const version1 = await inClone('pnpm', ['release:version']);
  show(
    version1.stdout
      .trim()
      .split('\n')
      .filter((line) => /release baseline|🦋/.test(line))
      .join('\n'),
  );
  await inClone('git', ['add', '--all', '.changeset', 'packages']);
  await inClone('git', ['commit', '--quiet', '--allow-empty', '-m', 'Version packages (release rehearsal 1)']);
  await inClone('pnpm', ['release:build']);
  const released1 = readJson(join(clone, 'packages', 'spec', 'released', 'release.json'));

  step('Release 1: the versioned repository is still green (the fast part of pnpm test)');
  const green = await inClone('pnpm', ['run', 'test:fast'], { allowFailure: true });
  result.greenAfterVersion = { exitCode: green.code };
  expect(
    'after pnpm release:version, lint, typecheck and the generated-file check pass (changelogs included)',
    green.code === 0,
    green.code === 0 ? 'pnpm run test:fast exit 0' : green.output.slice(-1_500),
  );

  step('Release 1: Verdaccio on 127.0.0.1, pnpm changeset publish');
  const { bin, version: verdaccioVersion } = await verdaccio;
  registry = await startRegistry({ bin, root: join(root, 'registry'), env });
  result.registry = { verdaccio: verdaccioVersion };
  show(`verdaccio ${verdaccioVersion} at ${registry.url} (pid ${registry.pid}), storage in a temporary folder`);
  result.release1 = await publish('release 1');
  const names = Object.keys(result.release1.versions);
  result.manifests1 = await checkManifests(names);
  expect(
    'release 1: no workspace: or catalog: specifier in a published manifest or tarball',
    result.manifests1.manifests === names.length && result.manifests1.offending.length === 0,
    `${result.manifests1.manifests} manifests and tarballs checked${result.manifests1.offending.length ? `; ${result.manifests1.offending.join('; ')}` : ''}`,
  );

  // -------------------------------------------------------------------------------------------------------
  step('A consumer installs @scp-ske/client-1.3, @scp-ske/cli and @scp-ske/emulator from the registry');
  const pinned = newProject('consumer-pinned');
  await npm(pinned, ['install', CLIENT, '@scp-ske/cli', '@scp-ske/emulator']);
  result.consumer1 = {
    ranges: readJson(join(pinned, 'package.json')).dependencies,
    tree: await installedTree(pinned),
  };
  show(`package.json: ${JSON.stringify(result.consumer1.ranges)}`);
  result.consumer1.run = await consume(pinned, { cli: true });
  expect(
    'release 1 consumer: every operation of the installed client answers 200 from the installed emulator, and `npx scp-ske clusters list` exits 0',
    allAnswered(result.consumer1.run) &&
      result.consumer1.run.cli?.clustersList.exitCode === 0 &&
      result.consumer1.run.exitCode === 0,
  );

  // -------------------------------------------------------------------------------------------------------
  step('A breaking spec edit: GET /v1/clusters gets a required query parameter `region`; regenerated');
  writeFileSync(join(clone, EDIT.parameterFile), EDIT.parameter);
  const operation = readFileSync(join(clone, EDIT.operationFile), 'utf8');
  if (!operation.includes(EDIT.after))
    throw new Error(`${EDIT.operationFile} no longer has the line the edit goes after: ${EDIT.after}`);
  writeFileSync(join(clone, EDIT.operationFile), operation.replace(EDIT.after, EDIT.after + EDIT.reference));
  show(`${EDIT.operationFile}: + ${EDIT.reference.trim()}   (${EDIT.parameterFile}: required: true)`);
  await inClone('pnpm', [
    'exec',
    'turbo',
    'run',
    'bundle',
    'generate',
    '--filter=./packages/*',
    '--output-logs=errors-only',
  ]);

  step('The breaking-change gate, without a changeset');
  result.gateRefused = await gate();
  show(`${result.gateRefused.tests}; exit ${result.gateRefused.exitCode}`);
  show(result.gateRefused.refusals.join('\n'));
  expect(
    'the gate refuses the edit without a changeset, naming the version, the packages and the change',
    result.gateRefused.exitCode !== 0 &&
      /^Tests\s+1 failed/.test(result.gateRefused.tests ?? '') &&
      result.gateRefused.refusals.length > 0 &&
      result.gateRefused.refusals.every(
        (message) =>
          /breaking change needs a (minor|major) changeset for @scp-ske\/spec, @scp-ske\/client-1\.\d, @scp-ske\/emulator and @scp-ske\/cli /.test(
            message,
          ) && message.includes('`region`'),
      ),
    `${result.gateRefused.refusals.length} refusals`,
  );

  // -------------------------------------------------------------------------------------------------------
  step('A changeset: first the spec and its client alone (short of what the gate asks), then what the gate asks');
  const needed = semver(result.release1.versions[SPEC])[0] === 0 ? 'minor' : 'major';
  const changeset = (bumps, text) =>
    writeFileSync(
      join(clone, CHANGESET),
      `---\n${Object.entries(bumps)
        .map(([name, type]) => `"${name}": ${type}`)
        .join('\n')}\n---\n\n${text}\n`,
    );
  changeset(
    { [SPEC]: needed, [CLIENT]: needed },
    'GET /v1/clusters: a required query parameter `region` (breaking: a request without it is refused).',
  );
  result.minimumPlan = await releasePlan('plan-minimum');
  show(`with ${SPEC} and ${CLIENT} ${needed} only, changeset version would release:`);
  show(result.minimumPlan.map(({ name, type, newVersion }) => `${name}@${newVersion} (${type})`).join(', '));
  const dependentsAtPatch = result.minimumPlan.filter(({ type }) => type === 'patch').map(({ name }) => name);
  if (dependentsAtPatch.length)
    show(
      `⚠ ${dependentsAtPatch.join(', ')} only a patch: a consumer's caret range of the first release would take it, with ${SPEC}@${result.minimumPlan.find(({ name }) => name === SPEC)?.newVersion} in it`,
    );
  const bumps = { [SPEC]: needed, [CLIENT]: needed, '@scp-ske/emulator': needed, '@scp-ske/cli': needed };
  changeset(
    bumps,
    'GET /v1/clusters: a required query parameter `region` (breaking: a request without it is refused). The emulator refuses a listClusters request without it, and `scp-ske clusters list` needs it.',
  );
  show(
    `${CHANGESET}: ${Object.entries(bumps)
      .map(([name, type]) => `${name}: ${type}`)
      .join(', ')}`,
  );
  result.changeset = bumps;
  result.plan = await releasePlan('plan');
  show(
    `changeset version will release: ${result.plan.map(({ name, type, newVersion }) => `${name}@${newVersion} (${type})`).join(', ')}`,
  );
  result.gatePassed = await gate();
  show(`${result.gatePassed.tests}; exit ${result.gatePassed.exitCode}`);
  show(result.gatePassed.summary.join('\n'));
  expect(
    'the gate passes with the changeset',
    result.gatePassed.exitCode === 0 && /^Tests\s+1 passed/.test(result.gatePassed.tests ?? ''),
    result.gatePassed.tests,
  );

  // -------------------------------------------------------------------------------------------------------
  step('Release 2: pnpm release:version, commit, pnpm release:build, pnpm changeset publish');
  const version2 = await inClone('pnpm', ['release:version']);
  show(
    version2.stdout
      .trim()
      .split('\n')
      .filter((line) => /release baseline/.test(line))
      .join('\n'),
  );
  await inClone('git', ['add', '--all']);
  await inClone('git', ['commit', '--quiet', '-m', 'GET /v1/clusters: region; version packages (release rehearsal 2)']);
  await inClone('pnpm', ['release:build']);
  const released2 = readJson(join(clone, 'packages', 'spec', 'released', 'release.json'));
  result.release2 = await publish('release 2');
  for (const name of [SPEC, CLIENT, '@scp-ske/emulator', '@scp-ske/cli'])
    expect(
      `release 2: ${name} ${result.release1.versions[name]} → ${bumped(result.release1.versions[name], needed)} (${needed})`,
      result.release2.versions[name] === bumped(result.release1.versions[name], needed),
      `published ${result.release2.versions[name]}`,
    );
  result.manifests = await checkManifests(names);
  expect(
    'no workspace: or catalog: specifier in any published manifest or tarball (both releases)',
    result.manifests.manifests >= 2 * names.length - 1 && result.manifests.offending.length === 0,
    `${result.manifests.manifests} manifests and tarballs checked${result.manifests.offending.length ? `; ${result.manifests.offending.join('; ')}` : ''}`,
  );
  const sha1 = released1.documents['1.3'].sha256;
  const sha2 = released2.documents['1.3'].sha256;
  result.contracts = { release1: sha1, release2: sha2 };
  show(`ske 1.3 document: release 1 sha256 ${sha1.slice(0, 12)}…, release 2 sha256 ${sha2.slice(0, 12)}…`);

  // -------------------------------------------------------------------------------------------------------
  step('The first consumer re-installs from its package.json (rm -rf node_modules package-lock.json && npm install)');
  rmSync(join(pinned, 'node_modules'), { recursive: true, force: true });
  rmSync(join(pinned, 'package-lock.json'), { force: true });
  log.command('$ rm -rf node_modules package-lock.json  (in consumer-pinned)');
  await npm(pinned, ['install']);
  result.pinned = { ranges: readJson(join(pinned, 'package.json')).dependencies, tree: await installedTree(pinned) };
  show(`package.json: ${JSON.stringify(result.pinned.ranges)}`);
  show(`installed @scp-ske packages: ${JSON.stringify(result.pinned.tree.all)}`);
  result.pinned.run = await consume(pinned, { cli: true });
  const pinnedRun = result.pinned.run;
  expect(
    `the pinned consumer still gets the first contract: ${CLIENT}@${result.release1.versions[CLIENT]}, no \`region\`, the emulator serving the first ske 1.3 document`,
    pinnedRun.installed?.[CLIENT] === result.release1.versions[CLIENT] &&
      !pinnedRun.contract?.listClustersParameters?.includes('region') &&
      pinnedRun.contract?.emulatorSpecSha256 === sha1,
    JSON.stringify(pinnedRun.installed),
  );
  expect(
    'the pinned consumer still works: every operation 200, `npx scp-ske clusters list` exits 0',
    allAnswered(pinnedRun) &&
      pinnedRun.listClustersWithoutArguments?.status === 200 &&
      pinnedRun.cli?.clustersList.exitCode === 0,
  );

  step('A new consumer installs @scp-ske/client-1.3@latest and @scp-ske/emulator@latest');
  const fresh = newProject('consumer-fresh');
  await npm(fresh, ['install', `${CLIENT}@latest`, '@scp-ske/emulator@latest']);
  result.fresh = { ranges: readJson(join(fresh, 'package.json')).dependencies, tree: await installedTree(fresh) };
  show(`package.json: ${JSON.stringify(result.fresh.ranges)}`);
  result.fresh.run = await consume(fresh, { cli: false });
  const freshRun = result.fresh.run;
  show(
    `listClusters({}) → ${freshRun.listClustersWithoutArguments?.error ?? freshRun.listClustersWithoutArguments?.status}`,
  );
  expect(
    `the new consumer gets the new contract: ${CLIENT}@${result.release2.versions[CLIENT]}, \`region\` required, the emulator serving the second ske 1.3 document`,
    freshRun.installed?.[CLIENT] === result.release2.versions[CLIENT] &&
      freshRun.operations?.listClusters?.required?.includes('region') &&
      freshRun.contract?.emulatorSpecSha256 === sha2,
    JSON.stringify(freshRun.installed),
  );
  expect(
    'the new consumer works with `region`, and its client refuses a listClusters without it before any request',
    allAnswered(freshRun) &&
      freshRun.listClustersWithoutArguments?.code !== undefined &&
      freshRun.listClustersWithoutArguments?.status === undefined,
  );
} catch (error) {
  expect(`the rehearsal ran to its end (stopped in "${stepName}")`, false, String(error?.stack ?? error));
} finally {
  step('Clean-up');
  if (registry) {
    await registry.stop();
    show(`verdaccio (pid ${registry.pid}) stopped`);
  }
  if (KEEP) show(`kept ${root}`);
  else {
    rmSync(root, { recursive: true, force: true });
    show('temporary clone, registry storage and consumer projects deleted');
  }
  timings[stepName] = Date.now() - stepStarted;
  result.seconds = Math.round((Date.now() - started) / 1000);
}

result.ok = expectations.every(({ ok }) => ok);
mkdirSync(join(JSON_FILE, '..'), { recursive: true });
writeFileSync(JSON_FILE, `${JSON.stringify(result, null, 2)}\n`);
mkdirSync(join(REPORT_FILE, '..'), { recursive: true });
writeFileSync(REPORT_FILE, markdown(result));
console.log(
  `\n${result.ok ? 'release rehearsal passed' : 'release rehearsal FAILED'} in ${result.seconds} s: ${expectations.filter(({ ok }) => ok).length}/${expectations.length} expectations (report: ${REPORT_FILE})`,
);
process.exit(result.ok ? 0 : 1);

function markdown(r) {
  const list = (plan = []) =>
    plan.map(({ name, type, newVersion }) => `\`${name}@${newVersion}\` (${type})`).join(', ');
  const fence = (text) => `\`\`\`text\n${text}\n\`\`\``;
  const lines = [
    '# Release rehearsal',
    '',
    `\`pnpm release:rehearse\` on ${r.head ?? 'HEAD'} (${r.startedAt}, Node ${r.node}, Verdaccio ${r.registry?.verdaccio ?? '?'}): ${r.ok ? 'passed' : '**failed**'} in ${r.seconds} s.`,
    '',
    '| | expectation |',
    '| --- | --- |',
    ...r.expectations.map(
      ({ name, ok, detail }) =>
        `| ${ok ? '✓' : '✗'} | ${name.replaceAll('|', '\\|')}${detail && !ok ? ` (${detail.split('\n')[0].replaceAll('|', '\\|')})` : ''} |`,
    ),
    '',
    '## Release 1',
    '',
    `Published: ${(r.release1?.published ?? []).map((entry) => `\`${entry}\``).join(', ')}.`,
    '',
    `A consumer's \`npm install @scp-ske/client-1.3 @scp-ske/cli @scp-ske/emulator\` saved ${JSON.stringify(r.consumer1?.ranges ?? {})}; its consumer.mjs: ${Object.entries(
      r.consumer1?.run?.operations ?? {},
    )
      .map(([id, call]) => `${id} ${call.status ?? call.code}`)
      .join(', ')}; \`npx scp-ske clusters list\` exit ${r.consumer1?.run?.cli?.clustersList.exitCode}:`,
    '',
    fence(r.consumer1?.run?.cli?.clustersList.stdout ?? ''),
    '',
    '## The breaking edit and the gate',
    '',
    `\`${EDIT.operationFile}\` gets \`${EDIT.reference.trim()}\` (\`required: true\`). Without a changeset the gate (\`vitest run src/release-gate.test.ts -t '${GATE_TEST}'\` in packages/spec) exits ${r.gateRefused?.exitCode}:`,
    '',
    fence((r.gateRefused?.refusals ?? []).join('\n')),
    '',
    `With a changeset of ${SPEC} and ${CLIENT} alone (minor), \`changeset version\` would release ${list(r.minimumPlan)}.`,
    '',
    `The changeset used: ${Object.entries(r.changeset ?? {})
      .map(([name, type]) => `\`${name}\`: ${type}`)
      .join(
        ', ',
      )}; the release plan: ${list(r.plan)}; the gate then exits ${r.gatePassed?.exitCode} (${r.gatePassed?.tests ?? ''}).`,
    '',
    '## Release 2',
    '',
    `Published: ${(r.release2?.published ?? []).map((entry) => `\`${entry}\``).join(', ')}. Manifests and tarballs checked for \`workspace:\`/\`catalog:\`: ${r.manifests?.manifests ?? 0}, offending: ${r.manifests?.offending.length ?? '?'}.`,
    '',
    `The consumer pinned to ${JSON.stringify(r.pinned?.ranges ?? {})}, re-installed from scratch: ${JSON.stringify(r.pinned?.run?.installed ?? {})}; listClusters parameters: ${r.pinned?.run?.contract?.listClustersParameters?.join(', ')}; calls: ${Object.entries(
      r.pinned?.run?.operations ?? {},
    )
      .map(([id, call]) => `${id} ${call.status ?? call.code}`)
      .join(
        ', ',
      )}; \`scp-ske ${r.pinned?.run?.cli?.version}\` clusters list exit ${r.pinned?.run?.cli?.clustersList.exitCode}. Every @scp-ske package it installed: ${JSON.stringify(r.pinned?.tree?.all ?? {})}.`,
    '',
    `A new consumer (\`npm install @scp-ske/client-1.3@latest @scp-ske/emulator@latest\`, saved ${JSON.stringify(r.fresh?.ranges ?? {})}): ${JSON.stringify(r.fresh?.run?.installed ?? {})}; listClusters requires ${r.fresh?.run?.operations?.listClusters?.required?.join(', ')}; calls: ${Object.entries(
      r.fresh?.run?.operations ?? {},
    )
      .map(([id, call]) => `${id} ${call.status ?? call.code}`)
      .join(
        ', ',
      )}; \`listClusters({})\`: ${r.fresh?.run?.listClustersWithoutArguments?.error ?? r.fresh?.run?.listClustersWithoutArguments?.status}.`,
    '',
    '## Timings',
    '',
    ...Object.entries(r.timings).map(([name, ms]) => `- ${name}: ${(ms / 1000).toFixed(1)} s`),
    '',
  ];
  return lines.join('\n');
}
