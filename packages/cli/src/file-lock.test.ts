/**
 * The lock: a dead owner's lock is taken over at once; a lock judged stale that was released and
 * taken again meanwhile is never removed (the race that once let two merges in at the same time);
 * several files lock in one order; a lock that cannot be created names the file.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockPath, removeStaleLock, type Seen, withFileLock, withFileLocks } from './file-lock.js';
import { KubeconfigFileError } from './kubeconfig-errors.js';
import { scratchHome } from './testing/run-cli.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
  );
}

const owner = (pid: number, nonce: string) => JSON.stringify({ pid, host: hostname(), nonce });

async function seen(path: string): Promise<Seen> {
  const info = await stat(path);
  return { owner: JSON.parse(readFileSync(path, 'utf8')), ino: info.ino, mtimeMs: info.mtimeMs };
}

describe('withFileLock', () => {
  it('takes over the lock of a process that no longer runs, at once', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), owner(deadPid(), 'dead'));
    const result = await withFileLock(file, async () => readFileSync(lockPath(file), 'utf8'), { timeoutMs: 1000 });
    expect(JSON.parse(result)).toMatchObject({ pid: process.pid });
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('never removes a lock judged stale that was released and taken again meanwhile', async () => {
    const file = join(scratchHome(), 'config');
    const path = lockPath(file);
    writeFileSync(path, owner(deadPid(), 'dead'));
    const judged = await seen(path);
    // Meanwhile the stale lock goes, and a live process takes the lock.
    await removeStaleLock(path, judged);
    writeFileSync(path, owner(process.pid, 'live'));
    await removeStaleLock(path, judged);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ nonce: 'live' });
    expect(readdirSync(join(path, '..'))).toEqual(['config.lock']);
  });

  it('leaves the takeover to whoever holds the takeover lock', async () => {
    const file = join(scratchHome(), 'config');
    const path = lockPath(file);
    writeFileSync(path, owner(deadPid(), 'dead'));
    writeFileSync(`${path}.takeover`, '');
    await removeStaleLock(path, await seen(path));
    expect(existsSync(path)).toBe(true);
  });

  it('times out with a LockTimeoutError naming the file while a live process holds the lock', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), owner(process.pid, 'held'));
    await expect(withFileLock(file, async () => 1, { timeoutMs: 50 })).rejects.toThrow(
      `${file} is locked by another scp-ske (${lockPath(file)})`,
    );
  });

  it('names the file whose lock it cannot create', async () => {
    const home = scratchHome();
    writeFileSync(join(home, 'plain'), '');
    const file = join(home, 'plain', 'config');
    const failure = withFileLock(file, async () => 1);
    await expect(failure).rejects.toBeInstanceOf(KubeconfigFileError);
    await expect(failure).rejects.toThrow(`cannot create the lock file ${lockPath(file)} beside ${file}`);
  });
});

describe('withFileLocks', () => {
  it('holds every lock (each file once, in sorted order) while the action runs, and releases them', async () => {
    const home = scratchHome();
    const [a, b] = [join(home, 'a'), join(home, 'b')];
    const held = await withFileLocks([b, a, b], async () => readdirSync(home).sort());
    expect(held).toEqual(['a.lock', 'b.lock']);
    expect(readdirSync(home)).toEqual([]);
  });
});
