/**
 * Backups of a file before each write that changes it: `<file>.bak.1` is the newest, `<file>.bak.2`
 * the one before, … up to `<file>.bak.5`; older ones are dropped. Each backup is written atomically
 * (mode 0600: a kubeconfig holds credentials). A crash during the rotation may leave a gap in the
 * numbers, never a partial backup.
 */
import { rename } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { besidePath } from './beside-path.js';

export const BACKUPS_KEPT = 5;

/** The path of backup number `index` (1: the newest) of `file`. */
export const backupPath = (file: string, index = 1): string => besidePath(file, `.bak.${index}`);

/** Shifts the backups of `file` by one and writes `previous` as `<file>.bak.1`; returns its path. */
export async function rotateBackups(file: string, previous: string, kept = BACKUPS_KEPT): Promise<string> {
  for (let index = kept - 1; index >= 1; index--) {
    await rename(backupPath(file, index), backupPath(file, index + 1)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  const newest = backupPath(file, 1);
  await writeFileAtomic(newest, previous);
  return newest;
}
