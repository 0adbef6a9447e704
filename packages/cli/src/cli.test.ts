import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { type Emulator, startEmulator } from '@scp-ske/emulator';
import { manifest } from '@scp-ske/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO, key, PRIVATE } from './testing/demo.js';
import { cliEnv, runCli, scratchHome } from './testing/run-cli.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

function setup(extra: Record<string, string> = {}) {
  const home = scratchHome();
  const env = cliEnv(home, { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey, ...extra });
  const connect = ['--endpoint', emulator.url];
  return { home, env, connect };
}

const USER_FILE = `# My clusters. Keep this comment.
apiVersion: v1
kind: Config
preferences: {}
clusters:
- cluster:
    server: https://other.example.com:6443   # the other one
    insecure-skip-tls-verify: true
  name: other
- cluster:
    server: https://stale.example.com:6443
  name: demo-cluster
users:
- name: other-admin
  user:
    token: other-token
contexts:
- context:
    cluster: other
    user: other-admin
    namespace: team-a
  name: other
current-context: other
x-custom-field: keep me
`;

describe('scp-ske kubeconfig get', () => {
  it('writes the kubeconfig to stdout', async () => {
    const { env, connect } = setup();
    const run = await runCli(['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', ...connect], env);
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toMatchObject({ kind: 'Config', 'current-context': 'demo-cluster' });
  });

  it('writes a file with mode 0600 and reports it as JSON', async () => {
    const { home, env, connect } = setup();
    const output = join(home, 'out', 'demo.yaml');
    const run = await runCli(
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'public', '--output', output, '--json', ...connect],
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ apiVersion: 'ske 1.3', output, contexts: ['demo-cluster'] });
    expect(statSync(output).mode & 0o777).toBe(0o600);
    expect(parse(readFileSync(output, 'utf8')).clusters[0].cluster.server).toContain('.ske.public.');
  });
});

describe('scp-ske kubeconfig get --output', () => {
  it('refuses an empty path (exit 2) or a directory (exit 1) before any request; keeps the previous file as .bak.1', async () => {
    const { home, env, connect } = setup();
    const get = (output: string) =>
      runCli(['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--output', output, ...connect], env);
    const before = emulator.requests.length;
    const empty = await get('');
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringContaining('--output: expected the path of a file')]);
    const folder = await get(home);
    expect([folder.code, folder.stderr]).toEqual([
      1,
      `scp-ske: ${home} is a directory, not a kubeconfig file; nothing was written\n`,
    ]);
    expect(emulator.requests.length).toBe(before);
    const file = join(home, 'demo.yaml');
    writeFileSync(file, 'previous\n');
    expect((await get(file)).code).toBe(0);
    expect(readFileSync(`${file}.bak.1`, 'utf8')).toBe('previous\n');
    expect(parse(readFileSync(file, 'utf8')).kind).toBe('Config');
  });
});

describe('scp-ske kubeconfig merge', () => {
  it('adds its own entries, keeps every other entry (a same-name one of another server too), field and comment, and is idempotent', async () => {
    const { home, env, connect } = setup();
    const file = join(home, 'kubeconfig');
    writeFileSync(file, USER_FILE, { mode: 0o644 });
    const args = ['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, ...connect];
    const first = await runCli(args, env);
    expect(first.code).toBe(0);
    // The entries are named <cluster>-<type>-<first 8 hex digits of the id>: the stale "demo-cluster" stays.
    expect(first.stdout).toContain(
      `Updated ${file}: cluster ${PRIVATE} added, user ${PRIVATE} added, context ${PRIVATE} added\n`,
    );
    expect(first.stdout).toContain(`Current context: other (unchanged; --set-current switches to ${PRIVATE})`);
    const merged = readFileSync(file, 'utf8');
    for (const kept of [
      '# My clusters. Keep this comment.',
      '# the other one',
      'x-custom-field: keep me',
      'namespace: team-a',
      'insecure-skip-tls-verify: true',
    ]) {
      expect(merged).toContain(kept);
    }
    const document = parse(merged);
    expect(document['current-context']).toBe('other');
    expect(document.clusters.map((c: { name: string }) => c.name)).toEqual(['other', 'demo-cluster', PRIVATE]);
    expect(document.clusters[1].cluster.server).toBe('https://stale.example.com:6443');
    expect(document.clusters[2].cluster.server).toContain('.ske.private.');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(`${file}.bak.1`, 'utf8')).toBe(USER_FILE);

    const before = statSync(file).mtimeMs;
    const second = await runCli(args, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing changed');
    expect(readFileSync(file, 'utf8')).toBe(merged);
    expect(statSync(file).mtimeMs).toBe(before);
  });

  it('renames the context and sets it current on request; kubectl and client-node read the result', async () => {
    const { home, env, connect } = setup();
    const file = join(home, 'kubeconfig');
    writeFileSync(file, USER_FILE);
    const run = await runCli(
      [
        'kubeconfig',
        'merge',
        '--cluster-id',
        DEMO,
        '--type',
        'public',
        '--kubeconfig',
        file,
        '--context',
        'prod',
        '--set-current',
        ...connect,
      ],
      env,
    );
    expect(run.code).toBe(0);
    const contexts = execFileSync('kubectl', ['config', 'get-contexts', '--kubeconfig', file, '-o', 'name'], {
      encoding: 'utf8',
    });
    expect(contexts.trim().split('\n').sort()).toEqual(['other', 'prod']);
    expect(
      execFileSync('kubectl', ['config', 'current-context', '--kubeconfig', file], { encoding: 'utf8' }).trim(),
    ).toBe('prod');
    const config = new KubeConfig();
    config.loadFromFile(file);
    expect(config.getCurrentCluster()?.server).toContain('.ske.public.');
  });

  it('follows $KUBECONFIG as kubectl does (no file yet: the last one is created), else ~/.kube/config, mode 0600', async () => {
    const { home, env, connect } = setup();
    const first = join(home, 'first.yaml');
    const second = join(home, 'second.yaml');
    const run = await runCli(['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', ...connect], {
      ...env,
      KUBECONFIG: `${first}:${second}`,
    });
    expect(run.code).toBe(0);
    expect(parse(readFileSync(second, 'utf8'))['current-context']).toBe(PRIVATE);
    expect(existsSync(first)).toBe(false);
    const fallback = await runCli(['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', ...connect], env);
    expect(fallback.code).toBe(0);
    expect(statSync(join(home, '.kube', 'config')).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['invalid YAML', 'apiVersion: v1\nclusters: [unclosed\n', /is not valid YAML .*left untouched/],
    [
      'another kind of document',
      'apiVersion: apps/v1\nkind: Deployment\n',
      /is not a kubeconfig \(kind is "Deployment", expected "Config"\); it was left untouched/,
    ],
    ['clusters that are not a list', 'apiVersion: v1\nkind: Config\nclusters: nope\n', /"clusters" is not a list/],
  ])('refuses %s untouched, with a clear message', async (_name, content, message) => {
    const { home, env, connect } = setup();
    const file = join(home, 'kubeconfig');
    writeFileSync(file, content, { mode: 0o640 });
    const before = statSync(file);
    const run = await runCli(
      ['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, ...connect],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(existsSync(`${file}.bak`)).toBe(false);
  });
});

describe('exit codes and messages', () => {
  it.each([
    [['kubeconfig', 'get', '--type', 'private'], /--cluster: required/],
    [
      ['kubeconfig', 'get', '--cluster-id', 'NOPE', '--type', 'private'],
      /--cluster-id: expected a string matching \^\[0-9a-f\]\{32\}\$, e\.g\. 70a599e031e749b7b260868f441e862b/,
    ],
    [['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'internal'], /--type: expected one of "private", "public"/],
    [
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--api-version', '2.0'],
      new RegExp(
        `--api-version: expected one of ${manifest.versions.map((entry) => entry.version).join(', ')}, received "2\\.0"`,
      ),
    ],
    [
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--api-version', '1.0'],
      /--api-version: ske 1\.0 is DEPRECATED .* --allow-unsupported-version/,
    ],
    [['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--colour'], /Unknown option '--colour'/],
    [['kubeconfig', 'fetch'], /kubeconfig: expected the subcommand "get", "merge" or "credential", received "fetch"/],
    [['versions', '--endpoint', 'nowhere'], /--endpoint: expected an http\(s\) URL/],
  ])('exits 2 naming the bad flag: %j', async (args, message) => {
    const { env, connect } = setup();
    const run = await runCli([...args, ...(args[0] === 'versions' ? [] : connect)], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('exits 2 naming the missing flag when neither an endpoint nor a region or environment is known', async () => {
    const { env } = setup();
    const run = await runCli(['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scp-ske: --region: required, the SCP region to call \(e.g. kr-west1\)/);
    const environment = await runCli(
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--region', 'kr-west1'],
      env,
    );
    expect(environment.code).toBe(2);
    expect(environment.stderr).toMatch(/^scp-ske: --environment: required, the SCP environment to call \(s, g or e\)/);
  });

  it('exits 2 and lists where it looked when there are no credentials', async () => {
    const home = scratchHome();
    const run = await runCli(
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--endpoint', emulator.url],
      cliEnv(home),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`file ${join(home, '.scpconf', 'credentials.json')}: not found`);
  });

  it('reads the credentials file and the region defaults of ~/.scpconf', async () => {
    const home = scratchHome();
    mkdirSync(join(home, '.scpconf'));
    writeFileSync(
      join(home, '.scpconf', 'credentials.json'),
      JSON.stringify({ 'access-key': key.accessKey, 'secret-key': key.secretKey }),
    );
    const ok = await runCli(
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--endpoint', emulator.url],
      cliEnv(home),
    );
    expect(ok.code).toBe(0);
    writeFileSync(
      join(home, '.scpconf', 'config.json'),
      JSON.stringify({ 'auth-url': 'https://iam.g.samsungsdscloud.com/v1', 'default-region': 'kr-west1' }),
    );
    const wrongRegion = await runCli(['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private'], cliEnv(home));
    expect(wrongRegion.stderr).toMatch(
      /--region: expected one of kr-south1, kr-south2, kr-south3 for environment "g", received "kr-west1"/,
    );
  });

  it('exits 1 naming status, code and request id for an API error', async () => {
    const { env, connect } = setup();
    const run = await runCli(
      ['kubeconfig', 'get', '--cluster-id', 'c0ffee00c0ffee00c0ffee00c0ffee00', '--type', 'private', ...connect],
      env,
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^scp-ske: SKE API error 403 Forbidden \(ske 1\.3, request id req-[0-9a-f]{32}\)/);
    const json = await runCli(
      [
        'kubeconfig',
        'get',
        '--cluster-id',
        'c0ffee00c0ffee00c0ffee00c0ffee00',
        '--type',
        'private',
        '--json',
        ...connect,
      ],
      env,
    );
    expect(JSON.parse(json.stderr).error).toMatchObject({
      status: 403,
      code: 'Forbidden',
      requestId: expect.stringMatching(/^req-/),
    });
  });

  it('exits 1 for a network error', async () => {
    const { env } = setup();
    // A server that hangs up on every connection: the port stays ours, so no other test can take it.
    const hangUp = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => hangUp.listen(0, '127.0.0.1', resolve));
    const { port } = hangUp.address() as AddressInfo;
    try {
      const run = await runCli(
        ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--endpoint', `http://127.0.0.1:${port}`],
        env,
      );
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`scp-ske: network error: ECONNRESET reaching 127.0.0.1:${port}\n`);
      expect(run.stderr).toContain(`scp-ske: hint: 127.0.0.1:${port} closed the connection: check a proxy or firewall`);
    } finally {
      hangUp.closeAllConnections();
      await new Promise((resolve) => hangUp.close(resolve));
    }
  });

  it('prints requests and responses with --debug, never the secret or the signature', async () => {
    const { env, connect } = setup();
    const run = await runCli(
      ['kubeconfig', 'get', '--cluster-id', DEMO, '--type', 'private', '--debug', ...connect],
      env,
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      `[debug] > GET ${emulator.url}/v1/clusters/${DEMO}/user-kubeconfig?kubeconfig_type=private`,
    );
    expect(run.stderr).toContain('scp-signature: [redacted]');
    expect(run.stderr).toContain('[debug] < 200 OK');
    expect(run.stderr).not.toContain(key.secretKey);
    const signatures = emulator.requests.length;
    expect(signatures).toBeGreaterThan(0);
    expect(run.stderr).not.toMatch(/scp-signature: [A-Za-z0-9+/]{43}=/);
  });
});

describe('scp-ske versions and --help', () => {
  it('prints the lifecycle table from the manifest', async () => {
    const { env } = setup();
    const run = await runCli(['versions'], env);
    expect(run.stdout.split('\n')[0]).toMatch(/^VERSION +STATE +NOT BEFORE +SUPPORTED TODAY$/);
    expect(run.stdout).toMatch(/ske 1\.3 +CURRENT +- +yes/);
  });

  it('asks GET / unsigned when there are no credentials', async () => {
    const run = await runCli(['versions', '--endpoint', emulator.url], cliEnv(scratchHome()));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ske 1\.0 +DEPRECATED +2025-12-31 +no/);
  });

  it('says a refused connection is a network error naming the host, with or without credentials', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    for (const env of [setup().env, cliEnv(scratchHome())]) {
      const run = await runCli(['versions', '--endpoint', `http://127.0.0.1:${port}`, '--json'], env);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stderr).error).toMatchObject({ code: 'ERR_SKE_NETWORK', reason: 'ECONNREFUSED' });
    }
  });

  it('reads the live version list with --endpoint', async () => {
    const { env } = setup();
    const run = await runCli(['versions', '--endpoint', emulator.url, '--json'], env);
    const output = JSON.parse(run.stdout);
    expect(output.source).toBe(emulator.url);
    expect(output.versions.map((row: { version: string }) => row.version)).toEqual(
      manifest.versions.map((entry) => entry.version),
    );
  });

  it.each([
    [['--help']],
    [['kubeconfig', 'get', '--help']],
    [['kubeconfig', 'merge', '--help']],
    [['versions', '--help']],
  ])('has help with examples: %j', async (args) => {
    const run = await runCli(args, setup().env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage/);
    if (args.length > 1) expect(run.stdout).toMatch(/Examples:\n {2}scp-ske /);
  });
});
