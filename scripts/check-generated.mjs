/**
 * Fails when the generated files (bundled documents, manifest, client packages) differ from what is
 * committed: run after the pipeline has regenerated them. Lists what changed and how to fix it.
 */
import { execFileSync } from 'node:child_process';

/** Everything a generator writes; hand-written files are not this check's business. */
const GENERATED = [
  'packages/spec/openapi',
  'packages/spec/versions.json',
  ':(glob)packages/*/src/generated/**',
  ':(glob)apps/*/src/generated/**',
  ':(glob)tools/*/src/generated/**',
  ':(glob)packages/client-[0-9]*/**',
];

const git = (args) => execFileSync('git', args, { encoding: 'utf8' });
const status = git(['status', '--porcelain', '--untracked-files=all', '--', ...GENERATED]);
const changed = status.split('\n').filter(Boolean);
if (changed.length > 0) {
  console.error('Generated files differ from what is committed (run `pnpm start` and commit the result):');
  for (const line of changed) console.error(`  ${line}`);
  console.error(git(['diff', '--stat', '--', ...GENERATED]));
  process.exit(1);
}
console.log('generated files: up to date with the committed ones');
