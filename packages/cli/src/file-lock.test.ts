/**
 * The lock: a dead owner's lock is taken over at once; a lock judged stale that was released and
 * taken again meanwhile is never removed (the race that once let two merges in at the same time);
 * several files lock in one order; a lock that cannot be created names the file.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { SkeError } from '@scp-ske/client';
import { describe, expect, it, vi } from 'vitest';
import { LockTimeoutError, lockPath, removeStaleLock, type Seen, withFileLock, withFileLocks } from './file-lock.js';
import { KubeconfigFileError } from './kubeconfig-errors.js';
import { scratchHome } from './testing/run-cli.js';

/** The pid of a process that has exited. */
function deadPid(): number {
  return Number(
    execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }),
  );
}

/** A file time in whole seconds, which every file system keeps exactly. */
const WHOLE_SECOND = Math.floor(Date.now() / 1000) - 60;

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
    expect(existsSync(`${path}.takeover`)).toBe(true);
  });

  it('removes a takeover lock older than 10 s (its holder was killed), leaving the lock for the next look', async () => {
    const file = join(scratchHome(), 'config');
    const path = lockPath(file);
    writeFileSync(path, owner(deadPid(), 'dead'));
    writeFileSync(`${path}.takeover`, '');
    const old = (Date.now() - 11_000) / 1000;
    utimesSync(`${path}.takeover`, old, old);
    await removeStaleLock(path, await seen(path));
    expect(existsSync(`${path}.takeover`)).toBe(false);
    expect(existsSync(path)).toBe(true);
  });

  it('keeps a takeover lock 9 s old', async () => {
    const file = join(scratchHome(), 'config');
    const path = lockPath(file);
    writeFileSync(path, owner(deadPid(), 'dead'));
    writeFileSync(`${path}.takeover`, '');
    const recent = (Date.now() - 9_000) / 1000;
    utimesSync(`${path}.takeover`, recent, recent);
    await removeStaleLock(path, await seen(path));
    expect(existsSync(`${path}.takeover`)).toBe(true);
  });

  it('does nothing when the lock judged stale is already gone', async () => {
    const home = scratchHome();
    const path = lockPath(join(home, 'config'));
    writeFileSync(path, owner(deadPid(), 'dead'));
    const judged = await seen(path);
    rmSync(path);
    await expect(removeStaleLock(path, judged)).resolves.toBeUndefined();
    expect(readdirSync(home)).toEqual([]);
  });

  it('tells locks apart by their owner when both have one: another owner on the same inode and time stays', async () => {
    const path = lockPath(join(scratchHome(), 'config'));
    writeFileSync(path, owner(deadPid(), 'dead'));
    utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
    const judged = await seen(path);
    writeFileSync(path, owner(process.pid, 'live'));
    utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
    const now = statSync(path);
    expect([now.ino, now.mtimeMs]).toEqual([judged.ino, judged.mtimeMs]);
    await removeStaleLock(path, judged);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ nonce: 'live' });
  });

  it('removes the lock judged stale when its owner is still the one judged, though its time changed', async () => {
    const path = lockPath(join(scratchHome(), 'config'));
    writeFileSync(path, owner(deadPid(), 'dead'));
    const judged = await seen(path);
    const later = (judged.mtimeMs + 5_000) / 1000;
    utimesSync(path, later, later);
    await removeStaleLock(path, judged);
    expect(existsSync(path)).toBe(false);
  });

  describe('an unreadable lock (no owner written yet) is told apart by its inode and time', () => {
    const unreadable = async () => {
      const path = lockPath(join(scratchHome(), 'config'));
      writeFileSync(path, '');
      utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
      const info = await stat(path);
      return { path, judged: { owner: undefined, ino: info.ino, mtimeMs: info.mtimeMs } satisfies Seen };
    };

    it('removes it while both are as judged', async () => {
      const { path, judged } = await unreadable();
      await removeStaleLock(path, judged);
      expect(existsSync(path)).toBe(false);
    });

    it('keeps it when its owner has written it since (same inode, another time)', async () => {
      const { path, judged } = await unreadable();
      writeFileSync(path, owner(process.pid, 'live'));
      const later = (judged.mtimeMs + 5_000) / 1000;
      utimesSync(path, later, later);
      await removeStaleLock(path, judged);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ nonce: 'live' });
    });

    it('keeps it when it is another file with the same time (another inode)', async () => {
      const { path, judged } = await unreadable();
      // The first file moves aside, keeping its inode in use: the new one cannot get it back.
      renameSync(path, `${path}.aside`);
      writeFileSync(path, '');
      utimesSync(path, WHOLE_SECOND, WHOLE_SECOND);
      const now = statSync(path);
      expect([now.ino === judged.ino, now.mtimeMs]).toEqual([false, judged.mtimeMs]);
      await removeStaleLock(path, judged);
      expect(existsSync(path)).toBe(true);
    });
  });

  it('is not taken over while its owner runs: another live process of this host keeps it', async () => {
    const file = join(scratchHome(), 'config');
    // The parent of this test process runs as long as the test does.
    writeFileSync(lockPath(file), owner(process.ppid, 'parent'));
    await expect(withFileLock(file, async () => 1, { timeoutMs: 50 })).rejects.toBeInstanceOf(LockTimeoutError);
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ nonce: 'parent' });
  });

  it("is not taken over when its owner is another user's process (signalling it is not permitted)", async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), owner(4_000_000, 'other-user'));
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    });
    try {
      await expect(withFileLock(file, async () => 1, { timeoutMs: 50 })).rejects.toBeInstanceOf(LockTimeoutError);
      expect(kill).toHaveBeenCalledWith(4_000_000, 0);
    } finally {
      kill.mockRestore();
    }
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ nonce: 'other-user' });
  });

  it('takes over an unreadable lock older than a second at once, and waits for a younger one', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), '');
    const young = (Date.now() - 500) / 1000;
    utimesSync(lockPath(file), young, young);
    await expect(withFileLock(file, async () => 1, { timeoutMs: 50 })).rejects.toBeInstanceOf(LockTimeoutError);
    const old = (Date.now() - 1_500) / 1000;
    utimesSync(lockPath(file), old, old);
    // A timeout of 0: any wait would fail; the takeover needs none.
    await expect(withFileLock(file, async () => 2, { timeoutMs: 0 })).resolves.toBe(2);
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it.each([
    ['not JSON', '{"pid":'],
    ['JSON but no owner', '{}'],
    ['null', 'null'],
    ['a pid that is no number', JSON.stringify({ pid: '1', host: hostname(), nonce: 'n' })],
    ['no host', JSON.stringify({ pid: process.pid, nonce: 'n' })],
    ['no nonce', JSON.stringify({ pid: process.pid, host: hostname() })],
  ])('reads a lock holding %s as unreadable: taken over once a second old', async (_name, text) => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), text);
    const old = (Date.now() - 1_500) / 1000;
    utimesSync(lockPath(file), old, old);
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 0 })).resolves.toBe('ran');
  });

  it('takes over the lock of a process it saw killed, at once', async () => {
    const file = join(scratchHome(), 'config');
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    writeFileSync(lockPath(file), owner(child.pid as number, 'killed'));
    child.kill('SIGKILL');
    await exited;
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 0 })).resolves.toBe('ran');
  });

  it('releases nothing it does not hold: the action removed the lock, the result still comes back', async () => {
    const file = join(scratchHome(), 'config');
    const result = await withFileLock(file, async () => {
      rmSync(lockPath(file));
      return 'done';
    });
    expect(result).toBe('done');
  });

  it("leaves another's lock taken after its own was removed", async () => {
    const file = join(scratchHome(), 'config');
    await withFileLock(file, async () => {
      writeFileSync(lockPath(file), owner(process.pid, 'other'));
    });
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ nonce: 'other' });
  });

  it('times out with a LockTimeoutError naming the file while a live process holds the lock', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), owner(process.pid, 'held'));
    const failure = withFileLock(file, async () => 1, { timeoutMs: 50 });
    await expect(failure).rejects.toThrow(`${file} is locked by another scp-ske (${lockPath(file)})`);
    await expect(failure).rejects.toBeInstanceOf(SkeError);
    await expect(failure).rejects.toMatchObject({ name: 'LockTimeoutError', code: 'ERR_SKE_LOCK_TIMEOUT' });
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

  it('locks in sorted order, whatever order the files come in', async () => {
    const home = scratchHome();
    // The first file in sorted order cannot be locked, the other one is held: sorted, the first fails at once.
    writeFileSync(join(home, 'a-plain'), '');
    const held = join(home, 'z-held');
    writeFileSync(lockPath(held), owner(process.pid, 'held'));
    const failure = withFileLocks([held, join(home, 'a-plain', 'config')], async () => 1, { timeoutMs: 50 });
    await expect(failure).rejects.toBeInstanceOf(KubeconfigFileError);
  });
});
