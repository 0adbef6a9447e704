/**
 * Temporary files a killed scp-ske left beside a kubeconfig file (atomic-file.ts writes
 * `<file>.<pid>.<8 hex>.tmp`, then renames it; SIGKILL between the two leaves it, mode 0600, holding
 * credentials): removed, under the file's lock, when the process that wrote them no longer runs on
 * this host. Only names this scp-ske would write for the file or its newest backup (beside-path.ts
 * rules, long names shortened) are looked at; anything else in the folder is left alone.
 */
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { temporarySuffix } from './atomic-file.js';
import { backupPath } from './backup-rotation.js';
import { besideName } from './beside-path.js';
import { isAlive } from './process-alive.js';

/** `.<pid>.<8 hex>.tmp` at the end of a name: the pid and the random part. */
const TEMPORARY = /\.(\d+)\.([0-9a-f]{8})\.tmp$/;

/**
 * Removes the temporary files of `file` (and of its newest backup, the other file written beside it)
 * whose writer is gone; returns their paths. Call it holding the file's lock. A folder that cannot be
 * read, or a file that cannot be removed, is left as it is: this cleaning never fails a merge.
 */
export async function removeLeftoverTemporaries(file: string): Promise<string[]> {
  const folder = dirname(file);
  const names = [basename(file), basename(backupPath(file))];
  let entries: string[];
  try {
    entries = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const entry of entries) {
    const match = TEMPORARY.exec(entry);
    if (!match) continue;
    const pid = Number(match[1]);
    const suffix = temporarySuffix(pid, match[2] as string);
    if (!names.some((name) => besideName(name, suffix) === entry) || isAlive(pid)) continue;
    const path = join(folder, entry);
    try {
      await rm(path);
      removed.push(path);
    } catch {
      // Left as it is (another process removed it, or it cannot be removed): it is not the merge's to fail.
    }
  }
  return removed;
}
