import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_CREDENTIALS, type Emulator, startEmulator, userToken } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO, key, PRIVATE } from './testing/demo.js';
import { BIN, runCli, scratchHome } from './testing/run-cli.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ kubeApi: true, credentials: DEMO_CREDENTIALS.map((entry) => ({ ...entry })) });
});
afterAll(() => emulator.close());

/** A scratch HOME with `scp-ske` on PATH (a wrapper running the built bin), as kubectl needs it. */
function setup() {
  const home = scratchHome();
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'scp-ske'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'scp-ske'), 0o755);
  const kubeconfig = join(home, 'kubeconfig');
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: home,
    KUBECONFIG: kubeconfig,
    SCP_ACCESS_KEY: key.accessKey,
    SCP_SECRET_KEY: key.secretKey,
  };
  return { home, env, kubeconfig };
}

function kubectl(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', args, { env }, (error, stdout, stderr) => {
      const code = error ? ((error as { code?: unknown }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

const scpCalls = () =>
  emulator.requests.filter((request) => new URL(request.url, 'http://emulator').pathname.startsWith('/v1/')).length;

describe('kubectl with the exec credential plugin, against the emulator', () => {
  it('an admin merge makes kubectl the cluster admin; --embed-credential writes the token as before', async () => {
    const { env, kubeconfig } = setup();
    const admin = await runCli(
      [
        'kubeconfig',
        'merge',
        '--cluster-id',
        DEMO,
        '--type',
        'private',
        '--admin',
        '--set-current',
        '--endpoint',
        emulator.url,
      ],
      env,
    );
    expect(admin.code).toBe(0);
    const whoami = await kubectl(['auth', 'whoami', '-o', 'json'], env);
    expect(JSON.parse(whoami.stdout).status.userInfo).toMatchObject({
      username: 'ske-admin',
      groups: expect.arrayContaining(['system:masters']),
    });
    const embedded = await runCli(
      [
        'kubeconfig',
        'merge',
        '--cluster-id',
        DEMO,
        '--type',
        'public',
        '--embed-credential',
        '--endpoint',
        emulator.url,
      ],
      env,
    );
    expect(embedded.code).toBe(0);
    const users = parse(readFileSync(kubeconfig, 'utf8')).users as { name: string; user: Record<string, unknown> }[];
    expect(users.find((user) => user.name.includes('-public-'))?.user).toEqual({
      token: userToken(key.accessKey, DEMO),
    });
    const both = await runCli(
      ['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', '--exec', '--embed-credential'],
      env,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--exec and --embed-credential');
  });

  it('the plugin says what a kubectl user can do: no SCP credentials, a missing IAM action, an unknown cluster', async () => {
    const { env } = setup();
    const args = ['kubeconfig', 'credential', '--cluster-id', DEMO, '--type', 'private', '--endpoint', emulator.url];
    const { SCP_ACCESS_KEY: _key, SCP_SECRET_KEY: _secret, ...bare } = env;
    const none = await runCli(args, bare);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(
      'kubectl runs scp-ske with its own environment: export SCP_ACCESS_KEY and SCP_SECRET_KEY',
    );
    const second = DEMO_CREDENTIALS[1] as (typeof DEMO_CREDENTIALS)[1];
    const readOnly = { ...env, SCP_ACCESS_KEY: second.accessKey, SCP_SECRET_KEY: second.secretKey };
    const forbidden = await runCli([...args, '--admin'], readOnly);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toContain('SKE API error 403');
    expect(forbidden.stderr).toContain(
      `your access key needs the IAM action ske:CreateClusterAdminKubeconfig on cluster ${DEMO}`,
    );
    const unknown = await runCli(
      ['kubeconfig', 'credential', '--cluster-id', 'f'.repeat(32), '--type', 'private', '--endpoint', emulator.url],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`no cluster ${'f'.repeat(32)} is visible to your access key`);
    // Nothing failed is cached.
    expect((await runCli([...args, '--admin'], readOnly)).code).toBe(1);
  });

  it('merges an exec user (no secret in the file); kubectl lists namespaces and nodes; the cache answers the next calls; a revoked key stops kubectl', async () => {
    const { home, env, kubeconfig } = setup();
    const merge = await runCli(
      ['kubeconfig', 'merge', '--cluster-id', DEMO, '--type', 'private', '--set-current', '--endpoint', emulator.url],
      env,
    );
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    const text = readFileSync(kubeconfig, 'utf8');
    expect(text).not.toContain(userToken(key.accessKey, DEMO));
    expect(text).not.toContain(key.secretKey);
    const written = parse(text);
    expect(written.clusters[0].cluster.server).toBe(emulator.kubeApiUrl);
    expect(written.users[0]).toEqual({
      name: PRIVATE,
      user: {
        exec: expect.objectContaining({
          apiVersion: 'client.authentication.k8s.io/v1',
          command: 'scp-ske',
          args: ['kubeconfig', 'credential', '--cluster-id', DEMO, '--type', 'private', '--endpoint', emulator.url],
          interactiveMode: 'Never',
          provideClusterInfo: false,
        }),
      },
    });

    const namespaces = await kubectl(['get', 'namespaces', '-o', 'name'], env);
    expect(namespaces.stderr).toBe('');
    expect(namespaces.stdout.split('\n').filter(Boolean)).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    // The credential is cached: 0700 folder, 0600 file, the token and never the secret key.
    const folder = join(home, '.cache', 'scp-ske', 'credentials');
    expect(statSync(join(home, '.cache', 'scp-ske')).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(folder);
    expect(statSync(join(folder, file as string)).mode & 0o777).toBe(0o600);
    const cached = readFileSync(join(folder, file as string), 'utf8');
    expect(cached).toContain(userToken(key.accessKey, DEMO));
    expect(cached).not.toContain(key.secretKey);

    const before = scpCalls();
    const nodes = await kubectl(['get', 'nodes', '-o', 'name'], env);
    expect(nodes.code).toBe(0);
    const demo = emulator.clusters.find((cluster) => cluster.id === DEMO);
    const count = (demo?.nodepools ?? []).reduce((sum, nodepool) => sum + (nodepool.nodeCount ?? 0), 0);
    expect(nodes.stdout.split('\n').filter(Boolean)).toHaveLength(count);
    const whoami = await kubectl(['auth', 'whoami', '-o', 'json'], env);
    expect(JSON.parse(whoami.stdout).status.userInfo.username).toBe(key.accessKey);
    expect(scpCalls()).toBe(before);

    expect(emulator.revokeAccessKey(key.accessKey)).toBe(true);
    // The cluster refuses the revoked key's token at once…
    const refused = await kubectl(['get', 'namespaces'], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Unauthorized');
    // …and once the cache lifetime is over, the plugin says why.
    const expired = await kubectl(['get', 'namespaces'], { ...env, SCP_SKE_CREDENTIAL_TTL: '0' });
    expect(expired.code).not.toBe(0);
    expect(expired.stderr).toContain('scp-ske: SKE API error 401');
    expect(expired.stderr).toContain('check that it is still active in IAM and that SCP_SECRET_KEY belongs to it');
  });
});
