/**
 * Records what a release ships: copies every version's bundled document (`openapi/ske-<v>.json`) into
 * `released/`, and writes `released/release.json` with the package versions it was released as and each
 * document's sha256. Run by the release command (`pnpm release:version`, right after `changeset
 * version`), never by hand: the breaking-change gate (src/release-gate.ts, part of `pnpm test`) compares
 * every version's current document with the one recorded here.
 *
 * `node packages/spec/scripts/release-baseline.mjs [--repo DIR]` (DIR: the repository, default this one).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const repoFlag = args.indexOf('--repo');
const repoDir =
  repoFlag >= 0 ? (args[repoFlag + 1] ?? '.') : join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const packageDir = join(repoDir, 'packages', 'spec');
const releasedDir = join(packageDir, 'released');
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));

const manifest = await readJson(join(packageDir, 'versions.json'));
const spec = await readJson(join(packageDir, 'package.json'));
const packages = { [spec.name]: spec.version };
const documents = {};
const texts = {};
for (const entry of manifest.versions) {
  const text = await readFile(join(packageDir, entry.files.bundled.json), 'utf8');
  if (sha256(text) !== entry.sha256) {
    console.error(
      `release-baseline: ${entry.files.bundled.json} is not the document versions.json records (run \`pnpm start\` first)`,
    );
    process.exit(1);
  }
  const file = `${manifest.service}-${entry.version}.json`;
  texts[file] = text;
  documents[entry.version] = { file, sha256: entry.sha256 };
  const client = join(repoDir, 'packages', `client-${entry.version}`, 'package.json');
  if (existsSync(client)) {
    const { name, version } = await readJson(client);
    packages[name] = version;
  }
}

await mkdir(releasedDir, { recursive: true });
for (const name of await readdir(releasedDir)) await rm(join(releasedDir, name));
for (const [file, text] of Object.entries(texts)) await writeFile(join(releasedDir, file), text);
const record = {
  $comment:
    'Written by `pnpm release:baseline` (packages/spec/scripts/release-baseline.mjs) at each release; never edited by hand. The breaking-change gate compares every version with the document recorded here.',
  service: manifest.service,
  packages,
  documents,
};
await writeFile(join(releasedDir, 'release.json'), `${JSON.stringify(record, null, 2)}\n`);
console.log(
  `release baseline: ${Object.keys(documents)
    .map((version) => `${manifest.service} ${version}`)
    .join(', ')} as released with ${spec.name}@${spec.version}, in ${relative(process.cwd(), releasedDir) || '.'}/`,
);
