/**
 * The "never lose data" guarantees, with the real binary: concurrent merges from many processes all
 * land, and a merge killed with SIGKILL at any moment leaves the old file or the new one, whole.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { type ClusterFixture, DEMO_CREDENTIALS, type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { cliEnv, runCli, scratchHome, spawnCli } from './testing/run-cli.js';

const [key] = DEMO_CREDENTIALS as [(typeof DEMO_CREDENTIALS)[0]];
const clusters: ClusterFixture[] = Array.from({ length: 60 }, (_, index) => {
  const id = index.toString(16).padStart(32, 'a');
  return {
    id,
    name: `cluster-${String(index).padStart(2, '0')}`,
    endpoints: { private: `https://${id}.ske.private.kr-west1.samsungsdscloud.com:6443` },
    accessKeys: [key.accessKey],
  };
});

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({ clusters });
});
afterAll(() => emulator.close());

const env = (home: string) => cliEnv(home, { SCP_ACCESS_KEY: key.accessKey, SCP_SECRET_KEY: key.secretKey });
const mergeArgs = (cluster: ClusterFixture, file: string) => [
  'kubeconfig',
  'merge',
  '--cluster-id',
  cluster.id,
  '--type',
  'private',
  '--kubeconfig',
  file,
  '--endpoint',
  emulator.url,
];
/** The merge's name for a cluster's private context. */
const contextOf = (cluster: ClusterFixture) => `${cluster.name}-private-${cluster.id.slice(0, 8)}`;
const contextNames = (text: string): string[] =>
  (parse(text).contexts ?? []).map((context: { name: string }) => context.name);

describe('data safety', () => {
  it('2 processes × 20 concurrent merges of different clusters end with one valid file holding all of them', async () => {
    const home = scratchHome();
    const file = join(home, 'kubeconfig');
    const batch = (from: number) =>
      clusters.slice(from, from + 20).map((cluster) => runCli(mergeArgs(cluster, file), env(home)));
    const runs = await Promise.all([...batch(0), ...batch(20)]);
    expect(runs.filter((run) => run.code !== 0).map((run) => run.stderr)).toEqual([]);
    const text = readFileSync(file, 'utf8');
    expect(contextNames(text).sort()).toEqual(clusters.slice(0, 40).map(contextOf));
    const kubectl = execFileSync('kubectl', ['config', 'get-contexts', '--kubeconfig', file, '-o', 'name'], {
      encoding: 'utf8',
    });
    expect(kubectl.trim().split('\n')).toHaveLength(40);
    const config = new KubeConfig();
    config.loadFromFile(file);
    expect(config.getContexts()).toHaveLength(40);
    expect(readdirSync(home).filter((name) => /\.(lock|takeover|tmp)$/.test(name))).toEqual([]);
  }, 120_000);

  it('a merge killed with SIGKILL at random moments leaves either the old or the new file, never a partial one', async () => {
    const home = scratchHome();
    const file = join(home, 'kubeconfig');
    // A large file, so that the write itself takes long enough to be hit.
    const filler = Array.from({ length: 3000 }, (_, index) => `filler-${index}`);
    writeFileSync(
      file,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: filler.map((name) => ({
          name,
          cluster: { server: `https://${name}.example.com:6443`, 'certificate-authority-data': 'QUJD'.repeat(40) },
        })),
        users: filler.map((name) => ({ name, user: { token: `token-${name}` } })),
        contexts: filler.map((name) => ({ name, context: { cluster: name, user: name } })),
        'current-context': 'filler-0',
      }),
      { mode: 0o600 },
    );
    const started = performance.now();
    const warm = await runCli(mergeArgs(clusters[40] as ClusterFixture, file), env(home));
    expect(warm.code).toBe(0);
    const duration = performance.now() - started;

    let completed = 0;
    let killed = 0;
    for (const cluster of clusters.slice(41, 56)) {
      const before = readFileSync(file, 'utf8');
      const child = spawnCli(mergeArgs(cluster, file), env(home));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * duration * 1.1));
      child.kill('SIGKILL');
      const code = await exited;
      if (code === 0) completed++;
      else killed++;
      const after = readFileSync(file, 'utf8');
      if (after === before) continue;
      // Not the old file: then it must be the whole new one, the old entries and the new context.
      expect(contextNames(after)).toEqual([...contextNames(before), contextOf(cluster)]);
      expect(parse(after).clusters).toHaveLength(parse(before).clusters.length + 1);
    }
    expect(killed).toBeGreaterThan(0);
    // A lock left by a killed merge does not block the next one, which removes the temporary files
    // (credentials, mode 0600) that killed writes left.
    const last = await runCli(mergeArgs(clusters[59] as ClusterFixture, file), env(home));
    expect(last.code).toBe(0);
    expect(contextNames(readFileSync(file, 'utf8'))).toContain(contextOf(clusters[59] as ClusterFixture));
    expect(readdirSync(home).filter((name) => /\.(lock|tmp)$/.test(name))).toEqual([]);
    expect(completed + killed).toBe(15);
  }, 300_000);
});
