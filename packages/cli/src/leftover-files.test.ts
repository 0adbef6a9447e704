/**
 * Temporary files a killed scp-ske left beside a kubeconfig: removed when their writer's pid is gone
 * (a process spawned and killed here), kept while it runs; only names scp-ske writes for the file and
 * its newest backup are touched; the merge and `get --output` remove them under the lock, a dry run never.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { temporarySuffix } from './atomic-file.js';
import { besideName } from './beside-path.js';
import type { IncomingEntries } from './incoming-kubeconfig.js';
import { removeLeftoverTemporaries } from './leftover-files.js';
import { mergeIntoKubeconfig } from './merge-files.js';
import { writeFileSafely } from './safe-replace.js';
import { scratchHome } from './testing/run-cli.js';

/** The pid of a process started and killed here: it no longer runs. */
async function killedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const pid = child.pid as number;
  child.kill('SIGKILL');
  await exited;
  return pid;
}

const leftover = (folder: string, name: string, pid: number, random = 'ab12cd34') => {
  const entry = besideName(name, temporarySuffix(pid, random));
  writeFileSync(join(folder, entry), 'token: secret', { mode: 0o600 });
  return entry;
};

describe('removeLeftoverTemporaries', () => {
  it("removes the file's and its newest backup's temporary files whose writer is gone, and returns their paths", async () => {
    const home = scratchHome();
    const dead = await killedPid();
    const mine = leftover(home, 'config', dead);
    const backup = leftover(home, 'config.bak.1', dead, '0123abcd');
    const live = leftover(home, 'config', process.pid);
    const removed = await removeLeftoverTemporaries(join(home, 'config'));
    expect(removed.sort()).toEqual([join(home, backup), join(home, mine)].sort());
    expect(readdirSync(home)).toEqual([live]);
  });

  it('leaves every other name alone, however close to ours', async () => {
    const home = scratchHome();
    const dead = await killedPid();
    const others = [
      `other.${dead}.ab12cd34.tmp`,
      `config.bak.2.${dead}.ab12cd34.tmp`,
      `config.${dead}.ab12cd34.tmp.x`,
      `config.0${dead}.ab12cd34.tmp`,
      `config.${dead}.AB12CD34.tmp`,
      `config.${dead}.ab12cd3.tmp`,
      `config.${dead}.ab12cd345.tmp`,
      `xconfig.${dead}.ab12cd34.tmp`,
      'config.lock',
      'config',
    ];
    for (const name of others) writeFileSync(join(home, name), '');
    expect(await removeLeftoverTemporaries(join(home, 'config'))).toEqual([]);
    expect(readdirSync(home).sort()).toEqual([...others].sort());
  });

  it('knows the shortened name of a long file name', async () => {
    const home = scratchHome();
    const name = `${'k'.repeat(250)}.yaml`;
    const entry = leftover(home, name, await killedPid());
    expect(entry).toMatch(/~[0-9a-f]{16}\.\d+\.ab12cd34\.tmp$/);
    expect(await removeLeftoverTemporaries(join(home, name))).toEqual([join(home, entry)]);
    expect(readdirSync(home)).toEqual([]);
  });

  it('never fails: a folder it cannot read, a name it cannot remove', async () => {
    const home = scratchHome();
    expect(await removeLeftoverTemporaries(join(home, 'missing', 'config'))).toEqual([]);
    const dead = await killedPid();
    const folder = besideName('config', temporarySuffix(dead, 'ab12cd34'));
    mkdirSync(join(home, folder));
    writeFileSync(join(home, folder, 'inside'), '');
    const file = leftover(home, 'config', dead, 'ffffffff');
    expect(await removeLeftoverTemporaries(join(home, 'config'))).toEqual([join(home, file)]);
    expect(readdirSync(home)).toEqual([folder]);
  });
});

describe('the writes that remove them', () => {
  const incoming: IncomingEntries = {
    cluster: { name: 'demo', body: { server: 'https://demo:6443' } },
    user: { name: 'demo-user', body: { token: 't' } },
    context: { name: 'demo-ctx', body: { cluster: 'demo', user: 'demo-user' } },
  };

  it('a merge removes those of every file it locks; a dry run none', async () => {
    const home = scratchHome();
    const [a, b] = [join(home, 'a'), join(home, 'b')];
    writeFileSync(a, 'apiVersion: v1\nkind: Config\n');
    writeFileSync(b, 'apiVersion: v1\nkind: Config\n');
    const dead = await killedPid();
    const left = [leftover(home, 'a', dead), leftover(home, 'b', dead)];
    // c does not exist and gets no new entry: it is not locked, and its leftover stays.
    const unlocked = leftover(home, 'c', dead);
    await mergeIntoKubeconfig([a, b, join(home, 'c')], incoming, { dryRun: true });
    expect(readdirSync(home).sort()).toEqual(['a', 'b', unlocked, ...left].sort());
    await mergeIntoKubeconfig([a, b, join(home, 'c')], incoming);
    expect(readdirSync(home).sort()).toEqual(['a', 'a.bak.1', 'b', unlocked].sort());
  });

  it('writeFileSafely (kubeconfig get --output) removes those of its file', async () => {
    const home = scratchHome();
    const file = join(home, 'out.yaml');
    leftover(home, 'out.yaml', await killedPid());
    await writeFileSafely(file, 'kind: Config\n');
    expect(readdirSync(home)).toEqual(['out.yaml']);
  });
});
