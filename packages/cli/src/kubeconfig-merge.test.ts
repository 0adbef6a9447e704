/**
 * The merge's rules, through `scp-ske kubeconfig merge` against the emulator, with kubectl as the
 * reference: a cluster's private and public kubeconfigs (and two clusters of one name) side by side,
 * no entry of another cluster replaced without --overwrite, the current context changed only when
 * asked (or when there is none), and $KUBECONFIG lists written where kubectl writes.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ClusterFixture, type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO, key, PRIVATE } from './testing/demo.js';
import { kubectlView, serverOf } from './testing/kubectl.js';
import { mergeScratch } from './testing/run-main.js';

const PUBLIC = 'demo-cluster-public-70a599e0';

const twin = (id: string, region: string): ClusterFixture => ({
  id,
  name: 'twin',
  endpoints: {
    private: `https://${id}.ske.private.${region}.samsungsdscloud.com:6443`,
    public: `https://${id}.ske.public.${region}.samsungsdscloud.com:6443`,
  },
  accessKeys: [key.accessKey],
});
// Two clusters named "twin" (two regions); and two whose ids also share their first 8 digits.
const TWINS = [
  twin('aaaa0000aaaa0000aaaa0000aaaa0001', 'kr-west1'),
  twin('bbbb0000bbbb0000bbbb0000bbbb0002', 'kr-south1'),
  twin('cccc0000cccc0000cccc0000cccc0003', 'kr-west1'),
  twin('cccc0000dddd0000dddd0000dddd0004', 'kr-south1'),
];

let demo: Emulator;
let twins: Emulator;
beforeAll(async () => {
  [demo, twins] = await Promise.all([startEmulator(), startEmulator({ clusters: TWINS })]);
});
afterAll(async () => {
  await Promise.all([demo.close(), twins.close()]);
});

function scratch() {
  const { home, merge } = mergeScratch(() => demo);
  return { home, merge, file: join(home, 'config') };
}

const OTHER = `apiVersion: v1
kind: Config
clusters:
- name: other
  cluster:
    server: https://other.example.com:6443
users:
- name: other-admin
  user:
    token: other-token
contexts:
- name: prod
  context:
    cluster: other
    user: other-admin
current-context: prod
`;

describe('naming: entries of different kubeconfigs never replace each other', () => {
  it('a cluster’s private then public kubeconfig, under two --context names, keep their own servers', async () => {
    const { home, merge, file } = scratch();
    expect(
      (await merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, '--context', 'priv'])).code,
    ).toBe(0);
    const second = await merge(['--cluster-id', DEMO, '--type', 'public', '--kubeconfig', file, '--context', 'pub']);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toContain('replaced');
    const view = kubectlView([file], home);
    expect(serverOf(view, 'priv')).toContain('.ske.private.');
    expect(serverOf(view, 'pub')).toContain('.ske.public.');
  });

  it('by default names cluster, user and context <cluster>-<type>-<id8>, the admin ones ending in -admin', async () => {
    const { home, merge, file } = scratch();
    for (const args of [
      ['--type', 'private'],
      ['--type', 'public'],
      ['--type', 'private', '--admin'],
    ]) {
      const run = await merge(['--cluster-id', DEMO, ...args, '--kubeconfig', file]);
      expect(run.code, run.stderr).toBe(0);
    }
    const view = kubectlView([file], home);
    expect(view.contexts?.map((context) => context.name).sort()).toEqual([PRIVATE, `${PRIVATE}-admin`, PUBLIC]);
    expect(view.users?.map((user) => user.name).sort()).toEqual([PRIVATE, `${PRIVATE}-admin`, PUBLIC]);
    expect(serverOf(view, PRIVATE)).toContain('.ske.private.');
    expect(serverOf(view, `${PRIVATE}-admin`)).toBe(serverOf(view, PRIVATE));
    expect(serverOf(view, PUBLIC)).toContain('.ske.public.');
    // The first merge set the current context (there was none); the others did not change it.
    expect(view['current-context']).toBe(PRIVATE);
  });

  it('--cluster-alias and --user-alias name the cluster and user entries', async () => {
    const { home, merge, file } = scratch();
    const run = await merge([
      ...['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file],
      ...['--context', 'demo', '--cluster-alias', 'demo-net', '--user-alias', 'me@demo'],
    ]);
    expect(run.code).toBe(0);
    const view = kubectlView([file], home);
    expect(view.contexts).toEqual([{ name: 'demo', context: { cluster: 'demo-net', user: 'me@demo' } }]);
    expect((await merge(['--cluster-id', DEMO, '--type', 'private', '--cluster-alias', 'a b'])).code).toBe(2);
  });

  it('two clusters of one name (two regions) sit side by side; a clash of their first 8 id digits is refused', async () => {
    const { home, merge, file } = scratch();
    for (const cluster of TWINS.slice(0, 3)) {
      const run = await merge(['--cluster-id', cluster.id, '--type', 'private', '--kubeconfig', file], {}, twins);
      expect(run.code, run.stderr).toBe(0);
    }
    const view = kubectlView([file], home);
    expect(serverOf(view, 'twin-private-aaaa0000')).toBe(TWINS[0]?.endpoints.private);
    expect(serverOf(view, 'twin-private-bbbb0000')).toBe(TWINS[1]?.endpoints.private);
    const before = readFileSync(file, 'utf8');
    const clash = await merge(
      ['--cluster-id', TWINS[3]?.id as string, '--type', 'private', '--kubeconfig', file],
      {},
      twins,
    );
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain(
      `cluster "twin-private-cccc0000" in ${file} points at ${TWINS[2]?.endpoints.private}`,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});

describe('conflicts: an entry of another cluster is replaced only with --overwrite', () => {
  it('refuses to take over a context of another cluster (exit 2, the file untouched), even the current one', async () => {
    const { home, merge, file } = scratch();
    writeFileSync(file, OTHER, { mode: 0o600 });
    const args = ['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, '--context', 'prod'];
    const refused = await merge(args);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `context "prod" in ${file} is for cluster "other" and user "other-admin", not cluster "${PRIVATE}" and user "${PRIVATE}"`,
    );
    expect(refused.stderr).toContain('--overwrite');
    expect(readFileSync(file, 'utf8')).toBe(OTHER);
    expect(existsSync(`${file}.bak.1`)).toBe(false);
    expect(serverOf(kubectlView([file], home), 'prod')).toBe('https://other.example.com:6443');

    const json = await merge([...args, '--json']);
    expect(JSON.parse(json.stderr).error).toMatchObject({
      code: 'ERR_SKE_KUBECONFIG_CONFLICT',
      conflicts: [{ section: 'contexts', name: 'prod', file }],
    });
    const dryRun = await merge([...args, '--dry-run']);
    expect(dryRun.code).toBe(2);

    const overwritten = await merge([...args, '--overwrite']);
    expect(overwritten.code).toBe(0);
    expect(overwritten.stdout).toContain('context prod replaced');
    expect(overwritten.stdout).toMatch(/prod is the current context: kubectl now uses https:\/\/.*\.ske\.private\./);
    expect(serverOf(kubectlView([file], home), 'prod')).toContain('.ske.private.');
    expect(readFileSync(`${file}.bak.1`, 'utf8')).toBe(OTHER);
  });

  it('refuses a cluster entry of the same name and another server, and a user another cluster’s context uses', async () => {
    const { merge, file } = scratch();
    writeFileSync(
      file,
      OTHER.replace('name: other\n', `name: ${PRIVATE}\n`).replace('cluster: other', `cluster: ${PRIVATE}`),
    );
    const cluster = await merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file]);
    expect(cluster.code).toBe(2);
    expect(cluster.stderr).toContain(
      `cluster "${PRIVATE}" in ${file} points at https://other.example.com:6443, not https://`,
    );

    writeFileSync(file, OTHER);
    const user = await merge([
      '--cluster-id',
      DEMO,
      '--type',
      'private',
      '--kubeconfig',
      file,
      '--user-alias',
      'other-admin',
    ]);
    expect(user.code).toBe(2);
    expect(user.stderr).toContain(`user "other-admin" in ${file} is the user of context "prod" (cluster "other")`);
    expect(readFileSync(file, 'utf8')).toBe(OTHER);
  });

  it('replaces its own entries (new credentials, same server) and keeps a namespace set on its context', async () => {
    const { home, merge, file } = scratch();
    const args = ['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, '--embed-credential'];
    expect((await merge(args)).code).toBe(0);
    const edited = readFileSync(file, 'utf8')
      .replace(/token: .*/, 'token: expired')
      .replace(`user: ${PRIVATE}\n`, `user: ${PRIVATE}\n    namespace: team-a\n`);
    writeFileSync(file, edited);
    const again = await merge(args);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `Updated ${file}: cluster ${PRIVATE} kept, user ${PRIVATE} replaced, context ${PRIVATE} kept`,
    );
    const view = kubectlView([file], home);
    expect(view.users?.[0]?.user.token).not.toBe('expired');
    expect(view.contexts?.[0]?.context.namespace).toBe('team-a');
  });
});

describe('the current context', () => {
  it('stays as it is without --set-current, and says so; --set-current switches it', async () => {
    const { home, merge, file } = scratch();
    writeFileSync(file, OTHER);
    const run = await merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Current context: prod (unchanged; --set-current switches to ${PRIVATE})`);
    expect(kubectlView([file], home)['current-context']).toBe('prod');
    const set = await merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, '--set-current']);
    expect(set.stdout).toContain(`current-context → ${PRIVATE} (was prod)`);
    expect(kubectlView([file], home)['current-context']).toBe(PRIVATE);
  });
});

describe('$KUBECONFIG lists: kubectl’s rules', () => {
  it('adds to the first file that exists, creates no other, and leaves the current context alone', async () => {
    const { home, merge } = scratch();
    const [missing, existing] = [join(home, 'missing.yaml'), join(home, 'existing.yaml')];
    writeFileSync(existing, OTHER);
    const run = await merge(['--cluster-id', DEMO, '--type', 'private'], { KUBECONFIG: `${missing}:${existing}` });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Updated ${existing}: cluster ${PRIVATE} added`);
    expect(existsSync(missing)).toBe(false);
    const view = kubectlView([missing, existing], home);
    expect(view['current-context']).toBe('prod');
    expect(serverOf(view, PRIVATE)).toContain('.ske.private.');
  });

  it('modifies an entry in the file that defines it, and the current context in the file that sets it', async () => {
    const { home, merge } = scratch();
    const [first, second] = [join(home, 'first.yaml'), join(home, 'second.yaml')];
    const FIRST = 'apiVersion: v1\nkind: Config\nclusters: []\n';
    writeFileSync(first, FIRST);
    const stale = `- name: ${PRIVATE}\n  user:\n    token: expired\n`;
    writeFileSync(second, `${OTHER.replace('users:\n', `users:\n${stale}`)}`);
    const run = await merge(['--cluster-id', DEMO, '--type', 'private', '--set-current'], {
      KUBECONFIG: `${first}:${second}`,
    });
    expect(run.code, run.stderr).toBe(0);
    // New entries in the first file; the user where it was; current-context where it was set.
    expect(run.stdout).toContain(`Updated ${first}: cluster ${PRIVATE} added, context ${PRIVATE} added`);
    expect(run.stdout).toContain(
      `Updated ${second}: user ${PRIVATE} replaced, current-context → ${PRIVATE} (was prod)`,
    );
    expect(parse(readFileSync(first, 'utf8'))['current-context']).toBeUndefined();
    expect(parse(readFileSync(second, 'utf8'))['current-context']).toBe(PRIVATE);
    const view = kubectlView([first, second], home);
    expect(view['current-context']).toBe(PRIVATE);
    expect(serverOf(view, PRIVATE)).toContain('.ske.private.');
    expect(view.users?.find((user) => user.name === PRIVATE)?.user.token).not.toBe('expired');
  });

  it('sets the current context when no file sets one, in the file of the new entries, and says so', async () => {
    const { home, merge } = scratch();
    const [first, second] = [join(home, 'first.yaml'), join(home, 'second.yaml')];
    writeFileSync(second, OTHER.replace('current-context: prod', 'current-context: ""'));
    const run = await merge(['--cluster-id', DEMO, '--type', 'private'], { KUBECONFIG: `${first}:${second}` });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`current-context → ${PRIVATE} (there was none)`);
    expect(existsSync(first)).toBe(false);
    expect(kubectlView([first, second], home)['current-context']).toBe(PRIVATE);
  });
});
