/**
 * A lock file beside the file it guards (`<file>.lock`, created with O_EXCL, its name kept short
 * enough by beside-path.ts), so that concurrent merges, in one process or many, take turns. The lock
 * records its owner (pid, host, a nonce); a lock whose owner process is gone from this host (killed
 * with SIGKILL, say) is removed at once, and so is one without a readable owner (empty: its owner
 * could not write it, a full disk, or died first) once it is a second old; removed under a second,
 * short-lived lock (`<file>.lock.takeover`), and only if it is still the very lock that was judged
 * stale: a lock released and taken again meanwhile is never removed. A lock this process created but
 * could not write its owner into is removed before the error is reported. Several files are locked in
 * one fixed order, so that two merges never wait for each other.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { SkeError } from '@scp-ske/client';
import { besidePath } from './beside-path.js';
import { fileError } from './kubeconfig-errors.js';
import { isAlive } from './process-alive.js';

/** Another scp-ske held the lock for longer than the timeout. */
export class LockTimeoutError extends SkeError {
  override readonly name = 'LockTimeoutError';
  constructor(message: string) {
    super('ERR_SKE_LOCK_TIMEOUT', message);
  }
}

interface Owner {
  pid: number;
  host: string;
  nonce: string;
}

/** One lock file as seen at one moment: its owner (when readable) and its identity on disk. */
export interface Seen {
  owner: Owner | undefined;
  ino: number;
  mtimeMs: number;
}

/**
 * A lock without a readable owner is stale after this long: its owner writes it right after creating
 * it, so one that stays unreadable was left by an owner that could not write it or died first.
 */
const UNREADABLE_STALE_MS = 1_000;
/** A takeover lock is held for a stat, a read and a removal; one this old was left by a killed process. */
const TAKEOVER_STALE_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The lock file of `file`. */
export const lockPath = (file: string): string => besidePath(file, '.lock');

/** The owner a lock file records; undefined when it records none (empty, not JSON, or not an owner). */
async function readOwner(path: string): Promise<Owner | undefined> {
  let owner: Partial<Owner> | null;
  try {
    owner = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  const valid = typeof owner?.pid === 'number' && typeof owner.host === 'string' && typeof owner.nonce === 'string';
  return valid ? (owner as Owner) : undefined;
}

/** The lock at `path` now, or undefined when there is none. */
async function look(path: string): Promise<Seen | undefined> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return undefined;
  return { owner: await readOwner(path), ino: info.ino, mtimeMs: info.mtimeMs };
}

/** A lock of a process of this host that no longer runs, or an unreadable one that is old. */
function isStale(seen: Seen): boolean {
  if (seen.owner) return seen.owner.host === hostname() && !isAlive(seen.owner.pid);
  return Date.now() - seen.mtimeMs > UNREADABLE_STALE_MS;
}

const sameLock = (a: Seen, b: Seen) =>
  a.owner && b.owner ? a.owner.nonce === b.owner.nonce : a.ino === b.ino && a.mtimeMs === b.mtimeMs;

/**
 * Removes the lock at `path` if it is still `stale`. While a lock exists nobody else can create one,
 * and only the holder of the takeover lock removes a stale one: between the check and the removal
 * the lock cannot change. A takeover lock left by a killed process is removed once it is old.
 */
export async function removeStaleLock(path: string, stale: Seen): Promise<void> {
  const guard = `${path}.takeover`;
  try {
    await (await open(guard, 'wx', 0o600)).close();
  } catch {
    const info = await stat(guard).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > TAKEOVER_STALE_MS) await rm(guard, { force: true });
    return;
  }
  try {
    const now = await look(path);
    if (now && sameLock(now, stale)) await rm(path, { force: true });
  } finally {
    await rm(guard, { force: true });
  }
}

export interface LockOptions {
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number;
}

async function acquire(file: string, path: string, owner: Owner, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const failure = `cannot create the lock file ${path} beside ${file}`;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 }).catch((error: unknown) => {
    // Stryker disable next-line StringLiteral: message text
    throw fileError(error, failure, file, '; nothing was written');
  });
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(JSON.stringify(owner));
      } catch (error) {
        // Not left empty for the next merge to wait on (a full disk, say).
        await rm(path, { force: true });
        throw error;
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        // Stryker disable next-line StringLiteral: message text
        throw fileError(error, failure, file, '; nothing was written');
      }
    }
    const seen = await look(path);
    if (!seen) continue; // released meanwhile
    if (isStale(seen)) {
      await removeStaleLock(path, seen);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(
        `${file} is locked by another scp-ske (${path}); try again, or remove the lock file if no scp-ske is running`,
      );
    }
    await sleep(wait + Math.floor(Math.random() * wait));
  }
}

export async function withFileLock<T>(file: string, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = lockPath(file);
  const owner: Owner = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex') };
  await acquire(file, path, owner, options.timeoutMs ?? 30_000);
  try {
    return await action();
  } finally {
    const current = await readOwner(path);
    if (current?.nonce === owner.nonce) await rm(path, { force: true });
  }
}

/** Locks every file of `files` (in sorted order, each once), runs `action`, unlocks. */
export async function withFileLocks<T>(
  files: string[],
  action: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const sorted = [...new Set(files)].sort();
  const from = (index: number): Promise<T> => {
    const file = sorted[index];
    return file === undefined ? action() : withFileLock(file, () => from(index + 1), options);
  };
  return from(0);
}
