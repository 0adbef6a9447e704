/**
 * The breaking-change gate: every version's current bundled document against the one its last release
 * shipped (`released/`, written by `pnpm release:baseline`), classified by `diffSpecs`. A breaking change
 * must come with a pending changeset that releases, at least, a minor (a package at 0.x) or a major (at
 * 1.0 and above) of the packages it affects: `@scp-ske/spec`, that version's `@scp-ske/client-<v>`, and the
 * packages that enforce or speak every version's contract, `@scp-ske/emulator` and `@scp-ske/cli` (the release
 * rehearsal showed why: with only a patch, a consumer pinned to the old range got an emulator that refused its
 * own client, and a CLI whose command needed a new flag).
 * What counts is the release plan changesets would make (`@changesets/get-release-plan`, as `changeset
 * status` and `changeset version` read it), so the client group's `fixed` setting applies: a minor of any
 * `@scp-ske/client-*` is a minor of every one. A changeset that says more than needed passes.
 *
 * Repository tooling, not part of the published package: `release-gate.test.ts` runs it on every
 * `pnpm test`, and on edited copies of the repository.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import getReleasePlan from '@changesets/get-release-plan';
import { type ChangeSeverity, diffSpecs, type SpecChange } from './spec-diff.js';

export type Bump = 'none' | 'patch' | 'minor' | 'major';
const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 };

export interface VersionReport {
  version: string;
  /** `compared` with its released document, `new` (never released), or `removed` (released, no longer in the spec). */
  status: 'compared' | 'new' | 'removed';
  changes: SpecChange[];
}

export interface GateProblem {
  version?: string;
  packages: string[];
  change?: SpecChange;
  /** One line, naming the change, the version and the packages. */
  message: string;
}

export interface GateResult {
  versions: VersionReport[];
  /** Empty when the gate passes. */
  problems: GateProblem[];
}

interface ReleaseRecord {
  service: string;
  packages: Record<string, string>;
  documents: Record<string, { file: string; sha256: string }>;
}

const SPEC_PACKAGE = '@scp-ske/spec';
/** Packages (in `packages/<name>`) built on every version's contract: a breaking change moves them too. */
const CONTRACT_PACKAGES = ['@scp-ske/emulator', '@scp-ske/cli'];
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8'));
/** A breaking change's bump: minor while a package is 0.x, else major. */
export const neededBump = (version: string): Bump => (version.startsWith('0.') ? 'minor' : 'major');
const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** Runs the gate on the repository at `repoDir`. */
export async function checkReleaseGate(repoDir: string): Promise<GateResult> {
  const specDir = join(repoDir, 'packages', 'spec');
  const releasedDir = join(specDir, 'released');
  const manifest = await readJson(join(specDir, 'versions.json'));
  const spec = await readJson(join(specDir, 'package.json'));
  const problems: GateProblem[] = [];
  const versions: VersionReport[] = [];

  if (!existsSync(join(releasedDir, 'release.json'))) {
    problems.push({
      packages: [SPEC_PACKAGE],
      message: 'packages/spec/released/release.json is missing: the release command (`pnpm release:version`) writes it',
    });
    return { versions, problems };
  }
  const record = (await readJson(join(releasedDir, 'release.json'))) as ReleaseRecord;
  // The baseline is the release's: written by the release command for the versions it released.
  if (record.packages[SPEC_PACKAGE] !== spec.version)
    problems.push({
      packages: [SPEC_PACKAGE],
      message: `packages/spec/released/ records ${SPEC_PACKAGE}@${record.packages[SPEC_PACKAGE]}, but the package is ${spec.version}: release with \`pnpm release:version\` (changeset version, then pnpm release:baseline)`,
    });

  const released = new Map<string, unknown>();
  /** Versions whose released document is missing: not compared (the problem says why). */
  const missing = new Set<string>();
  for (const [version, { file, sha256: digest }] of Object.entries(record.documents)) {
    if (!existsSync(join(releasedDir, file))) {
      missing.add(version);
      problems.push({
        version,
        packages: [SPEC_PACKAGE],
        message: `packages/spec/released/${file} is missing, though release.json records it for ${record.service} ${version}: released/ is written by \`pnpm release:baseline\`, never by hand`,
      });
      continue;
    }
    const text = await readFile(join(releasedDir, file), 'utf8');
    if (sha256(text) !== digest)
      problems.push({
        version,
        packages: [SPEC_PACKAGE],
        message: `packages/spec/released/${file} is not the document release.json records: released/ is written by \`pnpm release:baseline\`, never by hand`,
      });
    released.set(version, JSON.parse(text));
  }

  const current = new Set<string>();
  for (const entry of manifest.versions as { version: string; files: { bundled: { json: string } } }[]) {
    current.add(entry.version);
    if (missing.has(entry.version)) continue;
    const document = await readJson(join(specDir, entry.files.bundled.json));
    const before = released.get(entry.version);
    if (before === undefined) {
      versions.push({
        version: entry.version,
        status: 'new',
        changes: [
          {
            severity: 'informational',
            pointer: '#',
            message: `${manifest.service} ${entry.version} is a new document (not in the last release)`,
          },
        ],
      });
      continue;
    }
    versions.push({ version: entry.version, status: 'compared', changes: diffSpecs(before, document) });
  }
  for (const version of released.keys())
    if (!current.has(version))
      versions.push({
        version,
        status: 'removed',
        changes: [
          {
            severity: 'breaking',
            pointer: '#',
            message: `${record.service} ${version} removed from the spec (its documents are no longer published)`,
          },
        ],
      });

  const breaking = versions.filter((report) => report.changes.some((change) => change.severity === 'breaking'));
  if (breaking.length === 0) return { versions, problems };

  const plan = await getReleasePlan(repoDir);
  const planned = (name: string): Bump =>
    (plan.releases.find((release) => release.name === name)?.type ?? 'none') as Bump;
  const versionOf = async (name: string): Promise<string | undefined> => {
    if (name === SPEC_PACKAGE) return spec.version;
    const file = join(repoDir, 'packages', name.replace(/^@scp-ske\//, ''), 'package.json');
    return existsSync(file) ? (await readJson(file)).version : undefined; // a removed version's client is gone
  };
  for (const report of breaking) {
    const lacking: { name: string; needed: Bump; has: Bump }[] = [];
    for (const name of [SPEC_PACKAGE, `@scp-ske/client-${report.version}`, ...CONTRACT_PACKAGES]) {
      const packageVersion = await versionOf(name);
      if (packageVersion === undefined) continue;
      const needed = neededBump(packageVersion);
      const has = planned(name);
      if (RANK[has] < RANK[needed]) lacking.push({ name, needed, has });
    }
    if (lacking.length === 0) continue;
    // Each package with its own bump: `a major changeset for A, and a minor for B and C`.
    const needed = (['major', 'minor'] as const)
      .map((bump) => ({ bump, names: lacking.filter((one) => one.needed === bump).map((one) => one.name) }))
      .filter(({ names }) => names.length > 0)
      .map(({ bump, names }, index) => `a ${bump}${index === 0 ? ' changeset' : ''} for ${list(names)}`)
      .join(', and ');
    const has = lacking.map((one) => `${one.name}: ${one.has}`).join(', ');
    for (const change of report.changes.filter((one) => one.severity === 'breaking'))
      problems.push({
        version: report.version,
        packages: lacking.map((one) => one.name),
        change,
        message: `${record.service} ${report.version}: breaking change needs ${needed} (pending: ${has}): ${change.pointer} — ${change.message}`,
      });
  }
  return { versions, problems };
}

/** The gate's report: each version's changes by severity, then every problem. */
export function formatGateResult(result: GateResult, service = 'ske'): string {
  const count = (changes: SpecChange[], severity: ChangeSeverity) =>
    changes.filter((change) => change.severity === severity).length;
  const lines = result.versions.map(
    ({ version, status, changes }) =>
      `${service} ${version} (${status === 'compared' ? 'against its released document' : status}): ${count(changes, 'breaking')} breaking, ${count(changes, 'non-breaking')} non-breaking, ${count(changes, 'informational')} informational`,
  );
  if (result.problems.length === 0) lines.push('release gate: passed');
  else
    lines.push(`release gate: ${result.problems.length} problem(s)`, ...result.problems.map((p) => `  ${p.message}`));
  return lines.join('\n');
}
