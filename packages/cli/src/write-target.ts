/**
 * The file a write to a path really changes, as kubectl writes it: through symbolic links (the link
 * stays a link; its target gets the content, and a dangling link's target is created). A directory,
 * a device or another non-regular file is refused, and so is a read-only file: scp-ske never changes
 * a file's permissions to write it.
 */
import { constants } from 'node:fs';
import { access, lstat, readlink, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileError, KubeconfigFileError } from './kubeconfig-errors.js';

export interface WriteTarget {
  /** The path as the user gave it (absolute). */
  path: string;
  /** The regular file behind it, symbolic links followed (the same as `path` when it is no link). */
  target: string;
  exists: boolean;
  /** Permission bits of the existing file. */
  mode?: number;
}

const MAX_LINKS = 40;

function kindOf(info: Awaited<ReturnType<typeof lstat>>): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Follows `path` to the regular file it names (which may not exist yet); refuses anything else. */
export async function resolveWriteTarget(path: string): Promise<WriteTarget> {
  let current = path;
  for (let links = 0; links <= MAX_LINKS; links++) {
    let info: Awaited<ReturnType<typeof lstat>>;
    try {
      info = await lstat(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { path, target: current, exists: false };
      throw fileError(error, `cannot use ${path}`, path);
    }
    if (info.isSymbolicLink()) {
      const link = await readlink(current).catch((error: unknown) => {
        throw fileError(error, `cannot follow the link ${current}`, path);
      });
      current = resolve(dirname(current), link);
      continue;
    }
    if (!info.isFile()) {
      const where = current === path ? '' : ` (a link to ${current})`;
      throw new KubeconfigFileError(
        `${path}${where} is ${kindOf(info)}, not a kubeconfig file; nothing was written`,
        path,
      );
    }
    return { path, target: current, exists: true, mode: info.mode & 0o7777 };
  }
  throw new KubeconfigFileError(`${path}: too many levels of symbolic links; nothing was written`, path);
}

/**
 * Refuses to write a read-only file: one we may not write (EACCES), or one whose mode grants no
 * write permission to anybody (0444: read-only on purpose, even for root, who may write anything).
 */
export async function checkWritable(file: WriteTarget): Promise<void> {
  if (!file.exists) return;
  const mode = file.mode ?? (await stat(file.target)).mode;
  const denied = await access(file.target, constants.W_OK).then(
    () => false,
    () => true,
  );
  if (denied || (mode & 0o222) === 0) {
    const where = file.target === file.path ? '' : ` (a link to ${file.target})`;
    throw new KubeconfigFileError(
      `${file.path}${where} is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); nothing was ` +
        'written. scp-ske does not change permissions: make it writable (chmod u+w) or pass --kubeconfig ' +
        'another file',
      file.path,
    );
  }
}
