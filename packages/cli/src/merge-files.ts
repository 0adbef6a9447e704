/**
 * A merge into the user's kubeconfig files, end to end but for the network: resolves each path to the
 * file really written (symbolic links followed), locks the files that may be written, reads them all,
 * plans the merge (kubeconfig-merge.ts), refuses read-only files, then writes each changed file with a
 * backup, the one whose current context changes last. Under the locks, temporary files a killed
 * scp-ske left beside those files are removed first (leftover-files.ts). A dry run does all of it but
 * the lock, the cleaning and the writes: the same plan, the same refusals, nothing created or removed.
 */

import { withFileLocks } from './file-lock.js';
import type { IncomingEntries } from './incoming-kubeconfig.js';
import { KubeconfigFileError } from './kubeconfig-errors.js';
import { fileForNewValues } from './kubeconfig-files.js';
import { type MergeOptions, type MergePlan, planKubeconfigMerge } from './kubeconfig-merge.js';
import { removeLeftoverTemporaries } from './leftover-files.js';
import { readTarget, replaceTarget } from './safe-replace.js';
import { checkWritable, resolveWriteTarget, type WriteTarget } from './write-target.js';

export interface MergeFilesOptions extends MergeOptions {
  dryRun?: boolean;
  lockTimeoutMs?: number;
}

export interface FileOutcome {
  path: string;
  /** The regular file written (a symbolic link's target). */
  target: string;
  created: boolean;
  /** The backup of its previous content. */
  backup?: string;
}

export interface MergeReport extends MergePlan {
  dryRun: boolean;
  /** The files written (or, in a dry run, that would be). */
  files: FileOutcome[];
}

const resolveAll = (paths: string[]) => Promise.all(paths.map((path) => resolveWriteTarget(path)));

/** The files a merge may write: those that exist, and the one a new entry would create. */
function mayWrite(files: WriteTarget[]): string[] {
  const targets = files.filter((file) => file.exists).map((file) => file.target);
  return [...new Set([...targets, fileForNewValues(files, (file) => file.exists).target])].sort();
}

async function planFor(files: WriteTarget[], incoming: IncomingEntries, options: MergeOptions) {
  const texts = await Promise.all(files.map((file) => readTarget(file)));
  const plan = planKubeconfigMerge(
    files.map((file, index) => ({ path: file.path, text: texts[index] })),
    incoming,
    options,
  );
  const byPath = new Map(files.map((file, index) => [file.path, { file, previous: texts[index] }]));
  const writes = plan.writes.map((write) => ({
    ...write,
    ...(byPath.get(write.path) as { file: WriteTarget; previous: string | undefined }),
  }));
  for (const write of writes) await checkWritable(write.file);
  return { plan, writes };
}

export async function mergeIntoKubeconfig(
  paths: string[],
  incoming: IncomingEntries,
  options: MergeFilesOptions = {},
): Promise<MergeReport> {
  let files = await resolveAll(paths);
  if (options.dryRun) {
    const { plan, writes } = await planFor(files, incoming, options);
    const outcomes = writes.map(({ file }) => ({ path: file.path, target: file.target, created: !file.exists }));
    return { ...plan, dryRun: true, files: outcomes };
  }
  for (let attempt = 1; ; attempt++) {
    const locked = mayWrite(files);
    const report = await withFileLocks(
      locked,
      async () => {
        const now = await resolveAll(paths);
        // A file created or removed meanwhile changes which files may be written: lock again.
        if (mayWrite(now).join('\n') !== locked.join('\n')) return now;
        for (const file of locked) await removeLeftoverTemporaries(file);
        const { plan, writes } = await planFor(now, incoming, options);
        const outcomes: FileOutcome[] = [];
        for (const write of writes) {
          try {
            const backup = await replaceTarget(write.file, write.text, write.previous);
            outcomes.push({
              path: write.path,
              target: write.file.target,
              created: write.created,
              ...(backup && { backup }),
            });
          } catch (error) {
            if (outcomes.length === 0) throw error;
            throw new KubeconfigFileError(
              `${(error as Error).message}; already written: ${outcomes.map((outcome) => outcome.path).join(', ')}`,
              write.path,
            );
          }
        }
        return { ...plan, dryRun: false, files: outcomes };
      },
      options.lockTimeoutMs === undefined ? {} : { timeoutMs: options.lockTimeoutMs },
    );
    if (!Array.isArray(report)) return report;
    if (attempt >= 5) {
      // Stryker disable next-line StringLiteral: message text
      throw new KubeconfigFileError(`the kubeconfig files keep changing: ${paths.join(', ')}`);
    }
    files = report;
  }
}
