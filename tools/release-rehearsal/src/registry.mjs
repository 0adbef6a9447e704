/**
 * The rehearsal's registry: Verdaccio 6.8.0 (the last release that runs on Node 20; it installs only with
 * node-fetch overridden to 2.7.0), installed with `npm ci` from `verdaccio/package-lock.json` into this
 * package's node_modules/.cache (outside the pnpm workspace and its lockfile; once per lockfile), and
 * started on 127.0.0.1 on a free port with its storage in a throw-away folder. Only `@scp-ske/*` is served
 * (anyone may publish, as `$anonymous`); it has no uplink, so nothing of that scope can come from anywhere else.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './run.mjs';

const TOOL = fileURLToPath(new URL('..', import.meta.url));
const LOCKED = join(TOOL, 'verdaccio');

/** Installs Verdaccio (if this lockfile's install is not there yet); resolves to its bin and version. */
export async function installVerdaccio({ env, log }) {
  const lock = readFileSync(join(LOCKED, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 12);
  const dir = join(TOOL, 'node_modules', '.cache', `verdaccio-${hash}`);
  const bin = join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  if (!existsSync(join(dir, '.installed'))) {
    // Installed beside its final place and renamed into it: two rehearsals at once never share a half install.
    const staging = `${dir}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(LOCKED, file), join(staging, file));
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: staging,
      env,
      log,
    });
    writeFileSync(join(staging, '.installed'), `${hash}\n`);
    try {
      renameSync(staging, dir);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another rehearsal installed it first
    }
  }
  const { version } = JSON.parse(readFileSync(join(dir, 'node_modules', 'verdaccio', 'package.json'), 'utf8'));
  return { bin, version };
}

/** A port that was free a moment ago (bound on 127.0.0.1 with port 0, then released). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Verdaccio with its storage under `root`; resolves once `/-/ping` answers. `stop()` ends it
 * (SIGTERM, then SIGKILL after 5 s) and waits for it.
 */
export async function startRegistry({ bin, root, env }) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  mkdirSync(join(root, 'storage'), { recursive: true });
  const config = join(root, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(root, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(root, 'htpasswd'))}`,
      '    max_users: -1',
      'packages:',
      "  '@scp-ske/*':",
      '    access: $all',
      '    publish: $anonymous',
      '    unpublish: $anonymous',
      "  '**':",
      '    access: $all',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const logFile = join(root, 'verdaccio.log');
  const out = openSync(logFile, 'a');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], {
    env,
    stdio: ['ignore', out, out],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let running = true;
  exited.then(() => {
    running = false;
  });
  const stop = async () => {
    if (!running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running) throw new Error(`verdaccio exited before it answered:\n${readFileSync(logFile, 'utf8')}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`verdaccio did not answer ${url}-/ping within 60 s:\n${readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, port, pid: child.pid, stop };
}

/** The registry's document of a package (every version's manifest), or undefined when it has none. */
export async function packument(url, name) {
  const response = await fetch(`${url}${name.replace('/', '%2f')}`, { headers: { accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${url}${name}: ${response.status}`);
  return response.json();
}
