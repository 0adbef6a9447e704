/**
 * Writes that never leave a partial file: a temporary file in the same folder, fsync, rename over
 * the target, fsync of the folder. A reader (or a crash at any point) sees the old file or the new one.
 * `path` must be the regular file itself (see write-target.ts): a rename over a symbolic link would
 * replace the link. The temporary file is `<file>.<pid>.<8 hex digits>.tmp` (beside-path.ts shortens
 * a long name): a process killed mid-write leaves it, and leftover-files.ts knows it by that name.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { besidePath } from './beside-path.js';

/** The suffix of a temporary file written by process `pid`; `random` is 8 hex digits. */
export const temporarySuffix = (pid: number, random: string): string => `.${pid}.${random}.tmp`;

export async function writeFileAtomic(path: string, text: string, mode = 0o600): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temporary = besidePath(path, temporarySuffix(process.pid, randomBytes(4).toString('hex')));
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, mode); // the umask may have narrowed or widened it
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  const folder = await open(dir, 'r').catch(() => undefined);
  await folder?.sync().catch(() => undefined);
  await folder?.close();
}
