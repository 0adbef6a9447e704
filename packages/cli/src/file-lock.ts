/**
 * A lock file beside the file it guards (`<file>.lock`, created with O_EXCL), so that concurrent
 * merges, in one process or many, take turns. A lock whose owner process is gone (killed with
 * SIGKILL, say) is taken over at once; the takeover moves the old lock aside atomically and puts it
 * back if it turns out to have been a live owner's.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { SkeError } from '@scp-ske/client';

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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

/** True when the lock at `path` belongs to a process of this host that no longer runs, or is old and unreadable. */
async function isStale(path: string, unreadableAfterMs: number): Promise<boolean> {
  const owner = await readOwner(path);
  if (owner) return owner.host === hostname() && !isAlive(owner.pid);
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > unreadableAfterMs;
}

async function takeOver(path: string): Promise<void> {
  const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch {
    return; // someone else moved it first
  }
  const moved = await readOwner(aside);
  if (moved && isAlive(moved.pid)) {
    // It was a live owner's fresh lock: give it back (unless a third process locked meanwhile).
    await rename(aside, path).catch(() => undefined);
    return;
  }
  await rm(aside, { force: true });
}

export interface LockOptions {
  /** Give up after this long. Default 30 s. */
  timeoutMs?: number;
}

export async function withFileLock<T>(file: string, action: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const path = `${file}.lock`;
  const owner: Owner = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex') };
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(JSON.stringify(owner));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isStale(path, 10_000)) {
      await takeOver(path);
      continue;
    }
    if (Date.now() > deadline) {
      throw new LockTimeoutError(
        `${file} is locked by another scp-ske (${path}); try again, or remove the lock file if no scp-ske is running`,
      );
    }
    await sleep(wait + Math.floor(Math.random() * wait));
  }
  try {
    return await action();
  } finally {
    const current = await readOwner(path);
    if (current?.nonce === owner.nonce) await rm(path, { force: true });
  }
}
