/**
 * Test support: runs the real `scp-ske` binary (bin/scp-ske.cjs, as a user would) in a scratch HOME,
 * so that no test ever reads or writes the real ~/.kube or ~/.scpconf.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/scp-ske.cjs', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function scratchHome(): string {
  return mkdtempSync(join(tmpdir(), 'scp-ske-home-'));
}

export function cliEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: home, ...extra };
}

export function runCli(args: string[], env: Record<string, string>, cwd?: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env, cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

/** Starts the binary and returns its process, for tests that kill it. */
export function spawnCli(args: string[], env: Record<string, string>) {
  return spawn(process.execPath, [BIN, ...args], { env, stdio: 'ignore' });
}
