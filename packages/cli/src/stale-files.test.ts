/**
 * What an interrupted scp-ske leaves beside a kubeconfig does not stop the next `kubeconfig merge`:
 * an empty lock file (its owner could not write it: a full disk), the lock of a process that was
 * killed, and the temporary file (holding credentials) of a write that was killed, which the merge
 * removes. Against the emulator, in this process.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { temporarySuffix } from './atomic-file.js';
import { lockPath } from './file-lock.js';
import { DEMO, PRIVATE } from './testing/demo.js';
import { mergeScratch } from './testing/run-main.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

/** The pid of a process started and killed here. */
async function killedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const pid = child.pid as number;
  child.kill('SIGKILL');
  await exited;
  return pid;
}

function scratch() {
  const { home, merge } = mergeScratch(() => emulator);
  const file = join(home, 'config');
  const run = () => merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file]);
  const contexts = () => parse(readFileSync(file, 'utf8')).contexts.map((context: { name: string }) => context.name);
  return { home, file, run, contexts };
}

describe('kubeconfig merge after an interrupted one', () => {
  it('takes over an empty lock file left by a full disk', async () => {
    const { home, file, run, contexts } = scratch();
    writeFileSync(lockPath(file), '');
    const before = (Date.now() - 2_000) / 1000;
    utimesSync(lockPath(file), before, before);
    const result = await run();
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(contexts()).toEqual([PRIVATE]);
    expect(readdirSync(home).sort()).toEqual(['config']);
  });

  it('takes over the lock of a killed process', async () => {
    const { home, file, run, contexts } = scratch();
    writeFileSync(lockPath(file), JSON.stringify({ pid: await killedPid(), host: hostname(), nonce: 'killed' }));
    expect(await run()).toMatchObject({ code: 0, stderr: '' });
    expect(contexts()).toEqual([PRIVATE]);
    expect(readdirSync(home).sort()).toEqual(['config']);
  });

  it('removes the temporary file of a killed write, and keeps that of a running one', async () => {
    const { home, run } = scratch();
    const dead = `config${temporarySuffix(await killedPid(), 'ab12cd34')}`;
    const running = `config${temporarySuffix(process.pid, 'ab12cd34')}`;
    writeFileSync(join(home, dead), 'users: [{name: x, user: {token: secret}}]', { mode: 0o600 });
    writeFileSync(join(home, running), '', { mode: 0o600 });
    expect((await run()).code).toBe(0);
    expect(readdirSync(home).sort()).toEqual(['config', running].sort());
  });
});
