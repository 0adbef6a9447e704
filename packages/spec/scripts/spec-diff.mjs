/**
 * `pnpm spec:diff`: every change of the SKE documents, one line each (severity, JSON pointer, what
 * changed), classified by `diffSpecs` (`@scp-ske/spec/diff`).
 *
 *   pnpm spec:diff                       each version's document against the one its last release shipped
 *                                        (packages/spec/released/: what the release gate in `pnpm test` checks)
 *   pnpm spec:diff --base REF            each version's document against the same document at git REF
 *   pnpm spec:diff --from 1.2 --to 1.3   two versions' current documents
 *   --version V                          only version V (with the first two forms)
 *   --json                               the changes as JSON instead of lines
 *
 * Exit code: 0 when no change is breaking, 1 when one is, 2 on a usage error (unknown version or ref).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { countSeverities, diffSpecs, formatChange } from '../dist/diff.mjs';

const specDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(specDir, '..', '..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

function fail(message) {
  console.error(`spec:diff: ${message}`);
  process.exit(2);
}

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      base: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      version: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }));
} catch (error) {
  fail(error.message);
}
if (options.help) {
  console.log(
    'usage: pnpm spec:diff [--base REF] [--from V --to V] [--version V] [--json]\nexit code: 0 no breaking change, 1 a breaking change, 2 usage error',
  );
  process.exit(0);
}

const manifest = readJson(join(specDir, 'versions.json'));
const service = manifest.service;
const entryOf = (version) =>
  manifest.versions.find((entry) => entry.version === version) ??
  fail(`no ${service} ${version} in the spec (versions: ${manifest.versions.map((e) => e.version).join(', ')})`);
const current = (version) => readJson(join(specDir, entryOf(version).files.bundled.json));

/** `{ label, before, after }` pairs to compare; `before` undefined: a new document. */
function comparisons() {
  if (options.from !== undefined || options.to !== undefined) {
    if (options.from === undefined || options.to === undefined) fail('--from and --to go together');
    if (options.base !== undefined) fail('--base compares revisions of one version; --from/--to compares two versions');
    return [
      {
        label: `${service} ${options.from} → ${service} ${options.to}`,
        before: current(options.from),
        after: current(options.to),
      },
    ];
  }
  const wanted = options.version === undefined ? manifest.versions : [entryOf(options.version)];
  if (options.base !== undefined) {
    const git = (path) => {
      try {
        return execFileSync('git', ['show', `${options.base}:packages/spec/${path}`], {
          cwd: repoDir,
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch {
        return undefined;
      }
    };
    try {
      execFileSync('git', ['rev-parse', '--verify', `${options.base}^{commit}`], { cwd: repoDir, stdio: 'ignore' });
    } catch {
      fail(`${options.base} is not a git revision`);
    }
    return wanted.map((entry) => {
      const text = git(entry.files.bundled.json);
      return {
        label: `${service} ${entry.version}: ${options.base} → working tree`,
        before: text === undefined ? undefined : JSON.parse(text),
        after: current(entry.version),
      };
    });
  }
  const recordFile = join(specDir, 'released', 'release.json');
  if (!existsSync(recordFile)) fail('packages/spec/released/release.json is missing (the release command writes it)');
  const record = readJson(recordFile);
  return wanted.map((entry) => {
    const released = record.documents[entry.version];
    return {
      label: `${service} ${entry.version}: released (${record.packages['@scp-ske/spec'] ? `@scp-ske/spec@${record.packages['@scp-ske/spec']}` : 'last release'}) → current`,
      before: released ? readJson(join(specDir, 'released', released.file)) : undefined,
      after: current(entry.version),
    };
  });
}

const results = comparisons().map(({ label, before, after }) => ({
  label,
  changes:
    before === undefined
      ? [{ severity: 'informational', pointer: '#', message: 'a new document (nothing to compare it with)' }]
      : diffSpecs(before, after),
}));
const breaking = results.some(({ changes }) => changes.some((change) => change.severity === 'breaking'));

if (options.json) console.log(JSON.stringify(results, null, 2));
else
  for (const { label, changes } of results) {
    const counts = countSeverities(changes);
    console.log(
      `${label}: ${counts.breaking} breaking, ${counts['non-breaking']} non-breaking, ${counts.informational} informational`,
    );
    for (const change of changes) console.log(`  ${formatChange(change)}`);
  }
process.exit(breaking ? 1 : 0);
