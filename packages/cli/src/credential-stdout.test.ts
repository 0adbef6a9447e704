/**
 * The credential plugin's cache hit writes its ExecCredential straight to stdout's file descriptor
 * (bin/scp-ske.cjs). kubectl reads it whole from a pipe. A full pipe must still get all of it, once:
 * a blocking one (what kubectl and Node give a child) waits for the reader, and a non-blocking one
 * (a parent may hand one down: perl sets it here, then runs the bin) takes the rest through
 * process.stdout, which waits until the pipe takes more.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CachedCredential, cachePath, execCredentialText } from './credential-cache.js';
import { credentialKey } from './credential-fast.js';
import { BIN, cliEnv, scratchHome } from './testing/run-cli.js';

const CLUSTER_ID = '70a599e031e749b7b260868f441e862b';
const ENDPOINT = 'http://127.0.0.1:8080';
const ARGS = ['kubeconfig', 'credential', '--cluster-id', CLUSTER_ID, '--type', 'private', '--endpoint', ENDPOINT];

/** A home whose cache answers ARGS with a token of `tokenLength` characters; the env to run the bin in. */
function cachedHome(tokenLength: number) {
  const home = scratchHome();
  const env = cliEnv(home, { SCP_ACCESS_KEY: 'AKSTDOUT', SCP_SECRET_KEY: 'secret' });
  const key = credentialKey({ 'cluster-id': CLUSTER_ID, type: 'private', endpoint: ENDPOINT }, 'AKSTDOUT');
  const now = Date.now();
  const entry: CachedCredential = {
    key,
    status: { token: 't'.repeat(tokenLength) },
    fetchedAt: now,
    expiresAt: now + 600_000,
  };
  const path = cachePath(env, home, key);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(entry), { mode: 0o600 });
  return { home, env, expected: execCredentialText(entry, 'client.authentication.k8s.io/v1') };
}

/** Fills a non-blocking pipe until it takes no more; what was written. */
function fill(fd: number): number {
  const chunk = Buffer.alloc(4096, 'f');
  let written = 0;
  for (;;) {
    try {
      written += writeSync(fd, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return written;
      throw error;
    }
  }
}

/** Perl: stdout non-blocking, then exec the command line that follows. */
const NON_BLOCKING_EXEC = 'fcntl(STDOUT, F_SETFL, fcntl(STDOUT, F_GETFL, 0) | O_NONBLOCK) or die; exec @ARGV or die';

/** Runs the bin with `writer` as its stdout (made non-blocking first when asked); what the pipe's reader got. */
async function runInto(nonBlocking: boolean) {
  const { home, env, expected } = cachedHome(200_000);
  const fifo = join(home, 'stdout.fifo');
  execFileSync('mkfifo', [fifo]);
  // The reader first: a non-blocking writer cannot open a FIFO that nobody reads.
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
  const filler = fill(writer);
  const node = [process.execPath, BIN, ...ARGS];
  const [command, ...args] = nonBlocking ? ['perl', '-MFcntl', '-e', NON_BLOCKING_EXEC, ...node] : node;
  const child = spawn(command as string, args, { env, stdio: ['ignore', writer, 'pipe'] });
  closeSync(writer);
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const chunks: Buffer[] = [];
  const socket = new Socket({ fd: reader, readable: true, writable: false });
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => socket.on('end', resolve));
  return { code: await exited, stderr, output: Buffer.concat(chunks), filler, expected };
}

describe.skipIf(process.platform === 'win32')('the cache hit on stdout', () => {
  it.each([
    ['blocking', false],
    ['non-blocking', true],
  ])('writes the whole ExecCredential, once, to a full %s pipe', async (_name, nonBlocking) => {
    const { code, stderr, output, filler, expected } = await runInto(nonBlocking);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(output.subarray(0, filler).every((byte) => byte === 'f'.charCodeAt(0))).toBe(true);
    expect(output.subarray(filler).toString('utf8')).toBe(expected);
  });
});
