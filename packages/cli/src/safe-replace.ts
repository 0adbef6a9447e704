/**
 * Replaces a kubeconfig file's content the safe way: through symbolic links (the link stays a link,
 * its target gets the content), never a read-only file, a rotated backup of the previous content
 * (backup-rotation.ts), an atomic write with mode 0600. `writeFileSafely` adds the lock, for a whole
 * file (`kubeconfig get --output`), and under it removes the temporary files a killed scp-ske left
 * beside the file (leftover-files.ts); merges lock their files themselves (merge-files.ts).
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-file.js';
import { rotateBackups } from './backup-rotation.js';
import { withFileLock } from './file-lock.js';
import { fileError } from './kubeconfig-errors.js';
import { removeLeftoverTemporaries } from './leftover-files.js';
import { checkWritable, resolveWriteTarget, type WriteTarget } from './write-target.js';

/** Reads an existing target's text (undefined when there is no file). */
export async function readTarget(file: WriteTarget): Promise<string | undefined> {
  if (!file.exists) return undefined;
  try {
    return await readFile(file.target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Stryker disable next-line StringLiteral: message text
    throw fileError(error, `cannot read ${file.path}`, file.path, '; nothing was written');
  }
}

/** Writes `text` to `file` (already checked with checkWritable); returns the backup of `previous`, if any. */
export async function replaceTarget(
  file: WriteTarget,
  text: string,
  previous: string | undefined,
): Promise<string | undefined> {
  try {
    const backup = previous === undefined ? undefined : await rotateBackups(file.target, previous);
    await writeFileAtomic(file.target, text);
    return backup;
  } catch (error) {
    // Stryker disable next-line StringLiteral: message text
    throw fileError(error, `cannot write ${file.path}`, file.path, `; ${file.path} was left as it was`);
  }
}

export interface SafeWrite {
  target: string;
  created: boolean;
  changed: boolean;
  backup?: string;
}

/** Replaces the file at `path` with `text` under its lock (nothing is written when it already holds `text`). */
export async function writeFileSafely(path: string, text: string): Promise<SafeWrite> {
  const first = await resolveWriteTarget(path);
  return withFileLock(first.target, async () => {
    await removeLeftoverTemporaries(first.target);
    const file = await resolveWriteTarget(path);
    const previous = await readTarget(file);
    if (previous === text) return { target: file.target, created: false, changed: false };
    await checkWritable(file);
    const backup = await replaceTarget(file, text, previous);
    return { target: file.target, created: previous === undefined, changed: true, ...(backup && { backup }) };
  });
}
