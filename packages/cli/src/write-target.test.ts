/** The file a write changes: links followed; directories, devices, pipes and read-only files refused. */
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KubeconfigFileError } from './kubeconfig-errors.js';
import { scratchHome } from './testing/run-cli.js';
import { checkWritable, resolveWriteTarget } from './write-target.js';

describe('resolveWriteTarget', () => {
  it('follows a chain of links, relative and absolute, to the file (which may not exist yet)', async () => {
    const home = scratchHome();
    mkdirSync(join(home, 'real'));
    writeFileSync(join(home, 'real', 'config'), '');
    symlinkSync('real/config', join(home, 'one'));
    symlinkSync(join(home, 'one'), join(home, 'two'));
    expect(await resolveWriteTarget(join(home, 'two'))).toMatchObject({
      target: join(home, 'real', 'config'),
      exists: true,
    });
    symlinkSync('nowhere', join(home, 'dangling'));
    expect(await resolveWriteTarget(join(home, 'dangling'))).toEqual({
      path: join(home, 'dangling'),
      target: join(home, 'nowhere'),
      exists: false,
    });
  });

  it('refuses a directory, a device and a loop of links, naming the path', async () => {
    const home = scratchHome();
    await expect(resolveWriteTarget(home)).rejects.toThrow(`${home} is a directory, not a kubeconfig file`);
    await expect(resolveWriteTarget('/dev/null')).rejects.toThrow('/dev/null is a device, not a kubeconfig file');
    symlinkSync('b', join(home, 'a'));
    symlinkSync('a', join(home, 'b'));
    await expect(resolveWriteTarget(join(home, 'a'))).rejects.toThrow('too many levels of symbolic links');
  });
});

describe('checkWritable', () => {
  it('refuses a file nobody may write, even for root, and passes a writable or missing one', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(file, '');
    chmodSync(file, 0o444);
    const failure = checkWritable(await resolveWriteTarget(file));
    await expect(failure).rejects.toBeInstanceOf(KubeconfigFileError);
    await expect(failure).rejects.toThrow(`${file} is read-only (mode 0444)`);
    chmodSync(file, 0o600);
    await expect(checkWritable(await resolveWriteTarget(file))).resolves.toBeUndefined();
    await expect(checkWritable(await resolveWriteTarget(`${file}-new`))).resolves.toBeUndefined();
  });
});
