/**
 * Every failure is mapped by its class (never by its message) to an exit code, a stable code and a
 * message; and, with the real binary: a refused connection, a bad argument, --version and the help
 * of every command and group.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import {
  AmbiguousClusterError,
  ClusterNotFoundError,
  KubeconfigFormatError,
  ResponseFormatError,
  SkeApiError,
  SkeError,
  SkeInputError,
  UnsupportedVersionError,
} from '@scp-ske/client';
import { type Emulator, startEmulator } from '@scp-ske/emulator';
import { CredentialsNotFoundError, NetworkError, SigningOptionError } from '@scp-ske/signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LockTimeoutError } from './file-lock.js';
import { KubeconfigUnavailableError } from './kubeconfig-available.js';
import { KubeconfigFileError, UnsafeKubeconfigError } from './kubeconfig-errors.js';
import { describeError, printError } from './report-error.js';
import { DEMO, key } from './testing/demo.js';
import { cliEnv, runCli, scratchHome } from './testing/run-cli.js';
import { UsageError } from './usage.js';

const reply = { status: 404, statusText: 'Not Found', ok: false, headers: new Headers(), text: async () => '' };
const apiError = SkeApiError.fromResponse(
  reply,
  JSON.stringify({ errors: [{ code: 'NotFound', detail: ['No such cluster.'], request_id: 'req-1' }] }),
  'ske 1.3',
);
const candidate = { id: DEMO, name: 'demo-cluster' };

describe('describeError', () => {
  it.each([
    ['UsageError', new UsageError('--type: required'), 2, 'ERR_SKE_USAGE', /^--type: required\nRun `scp-ske x --help`/],
    [
      'SkeInputError',
      new SkeInputError('kubeconfigType', 'one of "private", "public"'),
      2,
      'ERR_SKE_INPUT',
      /^--type: expected one of/,
    ],
    [
      'SigningOptionError',
      new SigningOptionError('credentials', 'keys'),
      2,
      'ERR_SKE_SIGNING_OPTION',
      /^credentials: expected keys$/,
    ],
    [
      'CredentialsNotFoundError',
      new CredentialsNotFoundError(['environment: not set']),
      2,
      'ERR_SKE_CREDENTIALS_NOT_FOUND',
      /^No SCP credentials found/,
    ],
    [
      'UnsupportedVersionError',
      new UnsupportedVersionError('ske 1.0', 'ske 1.3', 'is DEPRECATED', '@scp-ske/client-1.3'),
      2,
      'ERR_SKE_UNSUPPORTED_VERSION',
      /^--api-version: ske 1\.0 is DEPRECATED\. .*pass --allow-unsupported-version/,
    ],
    [
      'AmbiguousClusterError',
      new AmbiguousClusterError('twin', [candidate, candidate], '--cluster'),
      2,
      'ERR_SKE_CLUSTER_AMBIGUOUS',
      /^2 clusters are named "twin"/,
    ],
    [
      'SkeApiError',
      apiError,
      1,
      'NotFound',
      /^SKE API error 404 NotFound \(ske 1\.3, request id req-1\): No such cluster\.$/,
    ],
    [
      'NetworkError',
      new NetworkError('GET', 'http://127.0.0.1:9/', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })),
      1,
      'ERR_SKE_NETWORK',
      /^network error: ECONNREFUSED$/,
    ],
    [
      'NetworkError without a system code',
      new NetworkError('GET', 'http://127.0.0.1:9/', new Error('socket hang up')),
      1,
      'ERR_SKE_NETWORK',
      /^network error: socket hang up$/,
    ],
    [
      'TimeoutError',
      new DOMException('The attempt took longer than 10 ms', 'TimeoutError'),
      1,
      'ERR_SKE_TIMEOUT',
      /^network error: timed out \(The attempt took longer than 10 ms\)$/,
    ],
    [
      'KubeconfigFormatError',
      new KubeconfigFormatError('"kind" is not "Config"'),
      1,
      'ERR_SKE_KUBECONFIG_FORMAT',
      /not a kubeconfig/,
    ],
    [
      'ResponseFormatError',
      new ResponseFormatError('the body is not JSON'),
      1,
      'ERR_SKE_RESPONSE_FORMAT',
      /the body is not JSON/,
    ],
    [
      'KubeconfigFileError',
      new KubeconfigFileError('x is not valid YAML'),
      1,
      'ERR_SKE_KUBECONFIG_FILE',
      /^x is not valid YAML$/,
    ],
    ['LockTimeoutError', new LockTimeoutError('x is locked'), 1, 'ERR_SKE_LOCK_TIMEOUT', /^x is locked$/],
    [
      'ClusterNotFoundError',
      new ClusterNotFoundError('prod', {
        candidates: [candidate],
        similar: false,
        visible: 1,
        how: '--cluster',
        listWith: '`scp-ske clusters list`',
      }),
      1,
      'ERR_SKE_CLUSTER_NOT_FOUND',
      /^no cluster named "prod"/,
    ],
    [
      'KubeconfigUnavailableError',
      new KubeconfigUnavailableError(DEMO, 'demo-cluster', 'public', 'N'),
      1,
      'ERR_SKE_KUBECONFIG_UNAVAILABLE',
      /does not allow downloading a public kubeconfig/,
    ],
    [
      'another SkeError',
      new SkeError('ERR_SKE_SOMETHING_NEW', 'something new'),
      1,
      'ERR_SKE_SOMETHING_NEW',
      /^something new$/,
    ],
    [
      'a file system error',
      Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: 'EACCES', syscall: 'open' }),
      1,
      'EACCES',
      /^EACCES: permission denied/,
    ],
  ])('%s', (_name, error, exitCode, code, message) => {
    const report = describeError(error, 'scp-ske x');
    expect(report).toMatchObject({ exitCode, code });
    expect(report.message).toMatch(message);
  });

  it('reads the class, never the message: an Error that says "fetch failed" is no network error', () => {
    const error = new TypeError('fetch failed (attempt 1)');
    const report = describeError(error, 'scp-ske');
    expect(report).toEqual({
      exitCode: 1,
      code: 'ERR_SKE_UNEXPECTED',
      message: 'unexpected error (TypeError); --debug shows more',
      fields: {},
      debug: error.stack,
    });
  });

  it('names an unexpected value that is no Error by its type, never by its text', () => {
    expect(describeError('s3cret text', 'scp-ske')).toMatchObject({
      message: 'unexpected error (string); --debug shows more',
      debug: 's3cret text',
    });
    expect(describeError(null, 'scp-ske').message).toBe('unexpected error (null); --debug shows more');
    const bare = Object.assign(new Error('no stack'), { stack: undefined, name: 'Odd\u001bName' });
    expect(describeError(bare, 'scp-ske')).toMatchObject({
      message: 'unexpected error (Odd\\u001bName); --debug shows more',
      debug: 'Odd\u001bName: no stack',
    });
  });

  it("prints an unexpected error's details only with debug, as lines or as a JSON field", () => {
    const report = {
      exitCode: 1 as const,
      code: 'ERR_SKE_UNEXPECTED',
      message: 'unexpected',
      fields: {},
      debug: 'E: x\n  at y',
    };
    const printed = (json: boolean, debug: boolean) => {
      let text = '';
      printError(report, json, (chunk) => (text += chunk), debug);
      return text;
    };
    expect(printed(false, false)).toBe('scp-ske: unexpected\n');
    expect(printed(false, true)).toBe('scp-ske: unexpected\n[debug] E: x\n[debug]   at y\n');
    expect(JSON.parse(printed(true, false))).toEqual({ error: { code: 'ERR_SKE_UNEXPECTED', message: 'unexpected' } });
    expect(JSON.parse(printed(true, true)).error.debug).toBe('E: x\n  at y');
    const { debug: _none, ...known } = report;
    let text = '';
    printError(known, false, (chunk) => (text += chunk), true);
    expect(text).toBe('scp-ske: unexpected\n');
  });

  it("keeps a server's words of an API error on one line, control characters shown", () => {
    const hostile = SkeApiError.fromResponse(
      { ...reply, status: 400 },
      JSON.stringify({ errors: [{ code: 'Bad\nCode', detail: ['\u001b[31mred', 'line\nbreak'], request_id: 'r\r1' }] }),
      'ske 1.3',
    );
    expect(describeError(hostile, 'scp-ske').message).toBe(
      'SKE API error 400 Bad\\u000aCode (ske 1.3, request id r\\u000d1): \\u001b[31mred line\\u000abreak',
    );
    const excerpt = SkeApiError.fromResponse({ ...reply, status: 502 }, 'gateway \u001b[2J down', 'ske 1.3');
    expect(describeError(excerpt, 'scp-ske').message).toMatch(/^SKE API error 502 HTTP502 \(ske 1\.3\): gateway/);
  });

  it('keeps any other SkeError, a format error and a system error on one line', () => {
    expect(describeError(new SkeError('ERR_X', 'a\nb'), 'scp-ske').message).toBe('a\\u000ab');
    expect(describeError(new ResponseFormatError('x\ny'), 'scp-ske').message).toMatch(/x\\u000ay$/);
    const system = Object.assign(new Error('EIO:\nbad'), { code: 'EIO', syscall: 'read' });
    expect(describeError(system, 'scp-ske')).toMatchObject({ code: 'EIO', message: 'EIO:\\u000abad' });
    const network = new NetworkError('GET', 'http://x/', new Error('hang\nup'));
    expect(describeError(network, 'scp-ske').message).toBe('network error: hang\\u000aup');
  });

  it('reports an unsafe kubeconfig with its rule, and its server where there is one', () => {
    expect(describeError(new UnsafeKubeconfigError('https', 'why', 'http://x'), 'scp-ske')).toEqual({
      exitCode: 1,
      code: 'ERR_SKE_UNSAFE_KUBECONFIG',
      message: 'refused the kubeconfig SKE returned: why; nothing was written',
      fields: { rule: 'https', server: 'http://x' },
    });
    expect(describeError(new UnsafeKubeconfigError('secret', 'why'), 'scp-ske').fields).toEqual({ rule: 'secret' });
  });

  it('prints one line (and a hint), or one JSON object with the code', () => {
    let text = '';
    const report = { exitCode: 1 as const, code: 'Forbidden', message: 'no', fields: { status: 403, hint: 'ask' } };
    expect(printError(report, false, (chunk) => (text += chunk))).toBe(1);
    expect(text).toBe('scp-ske: no\nscp-ske: hint: ask\n');
    text = '';
    printError(report, true, (chunk) => (text += chunk));
    expect(JSON.parse(text)).toEqual({ error: { code: 'Forbidden', message: 'no', status: 403, hint: 'ask' } });
  });
});

describe('the binary', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  const env = () => cliEnv(scratchHome(), { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey });

  it('says "network error: ECONNREFUSED" naming the host, and what to check, and exits 1 for a closed port', async () => {
    // A port that was free a moment ago, and is closed now.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const args = [
      'kubeconfig',
      'get',
      '--cluster',
      DEMO,
      '--type',
      'private',
      '--endpoint',
      `http://127.0.0.1:${port}`,
    ];
    const run = await runCli(args, env());
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `scp-ske: network error: ECONNREFUSED reaching 127.0.0.1:${port}\n` +
        `scp-ske: hint: nothing accepts connections at 127.0.0.1:${port}: check --endpoint (its port), or that the service is up\n`,
    );
    const json = await runCli([...args, '--json'], env());
    expect(JSON.parse(json.stderr).error).toMatchObject({
      code: 'ERR_SKE_NETWORK',
      reason: 'ECONNREFUSED',
      host: `127.0.0.1:${port}`,
    });
  });

  it('exits 2 naming the flag for an argument the spec refuses (a SkeInputError), with its code in JSON', async () => {
    const args = ['clusters', 'list', '--name', 'UPPER', '--endpoint', emulator.url];
    const before = emulator.requests.length;
    const run = await runCli(args, env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scp-ske: --name: expected a string matching /);
    const json = await runCli([...args, '--json'], env());
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'ERR_SKE_INPUT', flag: '--name' });
    expect(emulator.requests.length).toBe(before);
  });

  it('prints its version with --version and -V', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const run = await runCli([flag], env());
      expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
  });

  it.each([
    [['kubeconfig', '--help'], /^scp-ske kubeconfig: /],
    [['kubeconfig', '-h'], /^scp-ske kubeconfig: /],
    [['clusters', '--help'], /^scp-ske clusters: /],
    [['help', 'clusters'], /^scp-ske clusters: /],
    [['clusters', 'list', '--help'], /^scp-ske clusters list: [\s\S]*Examples:\n {2}scp-ske clusters list/],
    [['clusters', 'show', '--help'], /^scp-ske clusters show: [\s\S]*Examples:\n {2}scp-ske clusters show/],
    [['help', 'kubeconfig', 'merge'], /^scp-ske kubeconfig merge: [\s\S]*--dry-run/],
    [
      ['kubeconfig', 'get', '--help'],
      /--admin {16}the cluster's ADMIN kubeconfig[\s\S]*ske:CreateClusterAdminKubeconfig/,
    ],
  ])('prints the help of %j and exits 0', async (args, text) => {
    const run = await runCli(args, env());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(text);
    expect(run.stdout).toMatch(/Usage/);
  });

  it('prints a group’s help and exits 2 when the subcommand is missing', async () => {
    const run = await runCli(['clusters'], env());
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^scp-ske clusters: /);
    const unknown = await runCli(['clusters', 'destroy'], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /^scp-ske: clusters: expected the subcommand "list", "show", "create", "delete", .* or "set-public-access", received "destroy"\nRun `scp-ske clusters --help` for usage\.\n$/,
    );
  });
});
