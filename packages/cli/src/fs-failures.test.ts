/**
 * The lock and the atomic write when the file system answers what a test cannot arrange on disk
 * (these tests run as root, whom permissions never stop): a lock file refused for another reason than
 * "exists", a lock that was there when creating it failed but is gone when looked at, a temporary
 * file that cannot be created. The refusals are queued per kind of file; `open` does the rest.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from './atomic-file.js';
import { lockPath, withFileLock } from './file-lock.js';
import type { IncomingEntries } from './incoming-kubeconfig.js';
import { KubeconfigFileError } from './kubeconfig-errors.js';
import { mergeIntoKubeconfig } from './merge-files.js';
import { scratchHome } from './testing/run-cli.js';
import * as writeTarget from './write-target.js';

const refusals: { suffix: string; error: NodeJS.ErrnoException }[] = [];

/** Files whose first write fails (a full disk), by the end of their name. */
const fullDisk: string[] = [];
/** Every lock file opened, and whether its handle was closed. */
const lockHandles: { path: string; closed: boolean }[] = [];

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const index = refusals.findIndex((refusal) => String(args[0]).endsWith(refusal.suffix));
      if (index === -1) {
        const handle = await fs.open(...args);
        if (String(args[0]).endsWith('.lock')) {
          const seen = { path: String(args[0]), closed: false };
          lockHandles.push(seen);
          const close = handle.close.bind(handle);
          handle.close = () => {
            seen.closed = true;
            return close();
          };
        }
        const full = fullDisk.findIndex((suffix) => String(args[0]).endsWith(suffix));
        if (full === -1) return handle;
        fullDisk.splice(full, 1);
        handle.writeFile = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }));
        return handle;
      }
      const [refusal] = refusals.splice(index, 1);
      return Promise.reject(refusal?.error);
    },
  };
});

/** A path whose file seems to appear and vanish at every look (see the merge's tests below). */
let flickering: string | undefined;

vi.mock('./write-target.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./write-target.js')>();
  let looks = 0;
  return {
    ...real,
    resolveWriteTarget: vi.fn(async (path: string) => {
      const file = await real.resolveWriteTarget(path);
      return path === flickering ? { ...file, exists: looks++ % 2 === 1 } : file;
    }),
  };
});

const refuse = (suffix: string, code: string) =>
  refusals.push({ suffix, error: Object.assign(new Error(`${code}: refused`), { code }) });

afterEach(() => {
  refusals.length = 0;
  fullDisk.length = 0;
  lockHandles.length = 0;
  flickering = undefined;
  vi.mocked(writeTarget.resolveWriteTarget).mockClear();
});

describe('withFileLock on a file system that refuses', () => {
  it('stops at once with a KubeconfigFileError naming the file when the lock file cannot be created', async () => {
    const file = join(scratchHome(), 'config');
    refuse('.lock', 'EACCES');
    const action = vi.fn(async () => 1);
    const failure = withFileLock(file, action, { timeoutMs: 5_000 });
    await expect(failure).rejects.toBeInstanceOf(KubeconfigFileError);
    await expect(failure).rejects.toMatchObject({ path: file });
    await expect(failure).rejects.toThrow(`cannot create the lock file ${lockPath(file)} beside ${file}`);
    expect(action).not.toHaveBeenCalled();
  });

  it('removes the lock it created when it cannot write its owner (a full disk): the next one takes it at once', async () => {
    const home = scratchHome();
    const file = join(home, 'config');
    fullDisk.push('.lock');
    const failure = withFileLock(file, async () => 1, { timeoutMs: 5_000 });
    await expect(failure).rejects.toBeInstanceOf(KubeconfigFileError);
    await expect(failure).rejects.toThrow(
      `cannot create the lock file ${lockPath(file)} beside ${file}: no space left on the device (ENOSPC); nothing was written`,
    );
    expect(readdirSync(home)).toEqual([]);
    // A timeout of 0: a lock left behind would fail this at once.
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 0 })).resolves.toBe('ran');
    // Both lock files' handles were closed, the one it could not write and the one it did.
    expect(lockHandles).toEqual([
      { path: lockPath(file), closed: true },
      { path: lockPath(file), closed: true },
    ]);
  });

  it('tries again when the lock it found existing is gone when looked at (released meanwhile)', async () => {
    const file = join(scratchHome(), 'config');
    refuse('.lock', 'EEXIST');
    await expect(withFileLock(file, async () => 'ran', { timeoutMs: 5_000 })).resolves.toBe('ran');
    expect(refusals).toEqual([]);
  });
});

describe('writeFileAtomic on a file system that refuses', () => {
  it('fails with the error of the temporary file it could not create, leaving the file as it was', async () => {
    const home = scratchHome();
    const file = join(home, 'config');
    writeFileSync(file, 'old');
    refuse('.tmp', 'EACCES');
    await expect(writeFileAtomic(file, 'new')).rejects.toMatchObject({ code: 'EACCES' });
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(home)).toEqual(['config']);
    expect(existsSync(file)).toBe(true);
  });
});

describe('mergeIntoKubeconfig while the files keep changing', () => {
  const incoming: IncomingEntries = {
    cluster: { name: 'demo', body: { server: 'https://demo:6443' } },
    user: { name: 'demo-user', body: { token: 't' } },
    context: { name: 'demo-ctx', body: { cluster: 'demo', user: 'demo-user' } },
  };

  it('locks again after each change, and gives up after the fifth, having written nothing', async () => {
    const home = scratchHome();
    const [a, b] = [join(home, 'a'), join(home, 'b')];
    writeFileSync(b, 'apiVersion: v1\nkind: Config\n');
    flickering = a;
    const failure = mergeIntoKubeconfig([a, b], incoming);
    await expect(failure).rejects.toBeInstanceOf(KubeconfigFileError);
    await expect(failure).rejects.toThrow(`the kubeconfig files keep changing: ${a}, ${b}`);
    // One look before locking, then one per attempt: five attempts.
    const looks = vi.mocked(writeTarget.resolveWriteTarget).mock.calls.filter(([path]) => path === a);
    expect(looks).toHaveLength(6);
    expect(readFileSync(b, 'utf8')).toBe('apiVersion: v1\nkind: Config\n');
    expect(readdirSync(home).sort()).toEqual(['b']);
  });
});
