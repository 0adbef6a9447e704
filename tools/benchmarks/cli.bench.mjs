/**
 * Cold start of the `scp-ske` command (@scp-ske/cli's bin, the built file a user runs), as whole
 * processes beside a baseline process measured in the same run, in interleaved rounds, each process
 * started fresh:
 * - `cli.cold-start`: `scp-ske kubeconfig get --cluster-id … --type private --endpoint …` against an
 *   emulator started in this process (127.0.0.1, any free port), demo key 1 in the environment, the
 *   kubeconfig written to stdout: start, load, sign, one request, YAML check, print, exit; beside the
 *   floor process below. Target: at most 1.25× the floor.
 * - `cli.cold-start-floor`: the least any Node program that makes this request can cost, for
 *   information: a process that only loads `node:http` and `node:crypto` and sends the same GET with
 *   headers signed beforehand (a 200 with the kubeconfig, not checked, not printed), beside
 *   `node -e 0`. `cli.cold-start` cannot go below it.
 * - `cli.cold-start-help`: `scp-ske --help` (start, load, print, exit) beside `node -e 0`. Target: at most 1.5×.
 * - `cli.exec-credential-cached`: `scp-ske kubeconfig credential --cluster-id … --type private
 *   --endpoint …`, the exec credential plugin kubectl runs for each call, answered from its cache
 *   (filled by one run before), beside `node -e 0`. Target: at most 1.2×.
 * Every run's exit code and output are checked, so a command that fails fast is never measured.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareInRounds, figure, writeFigures } from '@scp-ske/bench-kit';
import { DEFAULT_CLUSTERS, DEMO_CREDENTIALS, startEmulator } from '@scp-ske/emulator';
import { signHeaders } from '@scp-ske/signing';

const ROUNDS = 15;
const TARGET = { op: '<=', value: 1.5 };
const FLOOR_TARGET = { op: '<=', value: 1.25 };
const CACHED_TARGET = { op: '<=', value: 1.2 };

/** The `scp-ske` bin as @scp-ske/cli's package.json declares it. */
function cliBin() {
  const manifestPath = fileURLToPath(import.meta.resolve('@scp-ske/cli/package.json'));
  const { bin } = JSON.parse(readFileSync(manifestPath, 'utf8'));
  return join(dirname(manifestPath), bin['scp-ske']);
}

/**
 * Wall time in ms of one `node …args` process, from spawn to exit; it must exit 0 and print what
 * `expected` matches on stdout.
 */
function timeProcess(args, env, expected) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    execFile(process.execPath, args, { env }, (error, stdout, stderr) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const fail = (why) => reject(new Error(`node ${args.join(' ')}: ${why}`));
      if (error) fail(`${error.message}\n${stderr}`);
      else if (!expected.test(stdout)) fail(`printed ${stdout.slice(0, 200)}`);
      else resolve(ms);
    });
  });
}

const bin = cliBin();
const home = mkdtempSync(join(tmpdir(), 'scp-ske-bench-'));
const [key] = DEMO_CREDENTIALS;
const env = { PATH: process.env.PATH ?? '', HOME: home, SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey };
const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
const get = ['kubeconfig', 'get', '--cluster-id', DEFAULT_CLUSTERS[0].id, '--type', 'private'];
const bare = () => timeProcess(['-e', '0'], env, /^$/);

/** `node -e` source of the floor: one GET with the given headers, its status printed. */
const BARE_GET = `require('node:crypto');
require('node:http').get(process.argv[1], { headers: JSON.parse(process.argv[2]) }, (answer) => {
  console.log(answer.statusCode);
  answer.resume();
});`;
/** The request `get` sends, signed now: the emulator accepts a timestamp for minutes, longer than this run. */
function signedGet() {
  const url = `${emulator.url}/v1/clusters/${DEFAULT_CLUSTERS[0].id}/user-kubeconfig?kubeconfig_type=private`;
  const headers = new Headers({ 'Scp-Api-Version': 'ske 1.3' });
  signHeaders(headers, 'GET', url, { credentials: key });
  return [url, JSON.stringify(Object.fromEntries(headers))];
}

const floor = () => timeProcess(['-e', BARE_GET, ...signedGet()], env, /^200$/m);
const credential = ['kubeconfig', 'credential', '--cluster-id', DEFAULT_CLUSTERS[0].id, '--type', 'private'];
const execCredential = /"kind":"ExecCredential"/;

try {
  const getResult = await compareInRounds({
    rounds: ROUNDS,
    subject: () => timeProcess([bin, ...get, '--endpoint', emulator.url], env, /^kind: Config$/m),
    baseline: floor,
  });
  const floorResult = await compareInRounds({ rounds: ROUNDS, subject: floor, baseline: bare });
  // One run fills the cache (one request); every measured run is answered from it.
  const before = emulator.requests.length;
  await timeProcess([bin, ...credential, '--endpoint', emulator.url], env, execCredential);
  const cachedResult = await compareInRounds({
    rounds: ROUNDS,
    subject: () => timeProcess([bin, ...credential, '--endpoint', emulator.url], env, execCredential),
    baseline: bare,
  });
  if (emulator.requests.length !== before + 1) throw new Error('the credential plugin did not answer from its cache');
  const helpResult = await compareInRounds({
    rounds: ROUNDS,
    subject: () => timeProcess([bin, '--help'], env, /^Usage:$/m),
    baseline: bare,
  });
  writeFigures(new URL('.', import.meta.url).pathname, 'cli-cold-start', [
    figure({
      id: 'cli.cold-start',
      description: `wall ms of a whole \`scp-ske kubeconfig get --cluster-id … --type private\` process against the emulator on 127.0.0.1 (one signed request, the kubeconfig checked and printed) vs the floor process of cli.cold-start-floor (the same GET signed beforehand, node:http and node:crypto only); ${ROUNDS} interleaved rounds`,
      unit: 'ms',
      result: getResult,
      baselineName: 'cli.cold-start-floor process',
      target: FLOOR_TARGET,
    }),
    figure({
      id: 'cli.exec-credential-cached',
      description: `wall ms of a whole \`scp-ske kubeconfig credential --cluster-id … --type private\` process (the kubectl exec plugin) answered from its credential cache vs a bare \`node -e 0\`; ${ROUNDS} interleaved rounds`,
      unit: 'ms',
      result: cachedResult,
      baselineName: 'node -e 0',
      target: CACHED_TARGET,
    }),
    figure({
      id: 'cli.cold-start-floor',
      description: `wall ms of a whole process that only loads node:http and node:crypto and sends the same GET with headers signed beforehand (the least any Node program making this request costs) vs a bare \`node -e 0\`; ${ROUNDS} interleaved rounds`,
      unit: 'ms',
      result: floorResult,
      baselineName: 'node -e 0',
    }),
    figure({
      id: 'cli.cold-start-help',
      description: `wall ms of a whole \`scp-ske --help\` process vs a bare \`node -e 0\`; ${ROUNDS} interleaved rounds`,
      unit: 'ms',
      result: helpResult,
      baselineName: 'node -e 0',
      target: TARGET,
    }),
  ]);
} finally {
  await emulator.close();
  rmSync(home, { recursive: true, force: true });
}
