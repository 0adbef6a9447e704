/**
 * The files of a merge, through `scp-ske kubeconfig merge` against the emulator: symbolic links
 * written through, read-only files refused, a backup before each change (rotated), paths that are
 * no kubeconfig file refused with a clear message, and YAML that kubectl reads (aliases, comments
 * only, duplicate keys) merged as kubectl reads it.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { type Emulator, startEmulator } from '@scp-ske/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, PRIVATE } from './testing/demo.js';
import { type KubectlView, kubectlView, serverOf } from './testing/kubectl.js';
import { mergeScratch } from './testing/run-main.js';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

function scratch() {
  const { home, merge } = mergeScratch(() => emulator);
  const into = (file: string, ...more: string[]) =>
    merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', file, ...more]);
  return { home, merge, into };
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
- name: other
  context:
    cluster: other
    user: other-admin
current-context: other
`;

/** kubectl's view without the merge's own entries: what must not change. */
function others(view: KubectlView) {
  const keep = <T extends { name: string }>(list: T[] | null) =>
    (list ?? []).filter((entry) => !entry.name.startsWith(PRIVATE));
  return { clusters: keep(view.clusters), users: keep(view.users), contexts: keep(view.contexts) };
}

describe('symbolic links', () => {
  it('writes through a link: the link stays, its target gets the content, the lock and backup sit beside the target', async () => {
    const { home, into } = scratch();
    mkdirSync(join(home, 'dotfiles'));
    const target = join(home, 'dotfiles', 'kubeconfig');
    const link = join(home, 'config');
    writeFileSync(target, OTHER, { mode: 0o600 });
    symlinkSync('dotfiles/kubeconfig', link);
    const run = await into(link);
    expect(run.code, run.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('dotfiles/kubeconfig');
    expect(readFileSync(target, 'utf8')).not.toBe(OTHER);
    expect(run.stdout).toContain(`Updated ${link} (a link to ${target}): cluster ${PRIVATE} added`);
    expect(readFileSync(target, 'utf8')).toContain(PRIVATE);
    expect(readFileSync(join(home, 'dotfiles', 'kubeconfig.bak.1'), 'utf8')).toBe(OTHER);
    expect(readdirSync(home).sort()).toEqual(['config', 'dotfiles']);
    expect(readdirSync(join(home, 'dotfiles')).sort()).toEqual(['kubeconfig', 'kubeconfig.bak.1']);
  });

  it('creates the target of a dangling link', async () => {
    const { home, into } = scratch();
    const link = join(home, 'config');
    symlinkSync('real-config', link);
    expect((await into(link)).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(serverOf(kubectlView([link], home), PRIVATE)).toContain('.ske.private.');
  });
});

describe('read-only files', () => {
  it('refuses a 0444 file with a message naming it: not written, not chmod-ed, and a dry run says the same', async () => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    writeFileSync(file, OTHER);
    chmodSync(file, 0o444);
    for (const extra of [[], ['--dry-run']]) {
      const run = await into(file, ...extra);
      expect(statSync(file).mode & 0o777).toBe(0o444);
      expect(readFileSync(file, 'utf8')).toBe(OTHER);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${file} is read-only (mode 0444); nothing was written`);
    }
    expect(readdirSync(home)).toEqual(['config']);
  });
});

describe('backups', () => {
  it('keeps the state before each merge that changed something, the newest as .bak.1, at most 5', async () => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    writeFileSync(file, OTHER);
    const states = [OTHER];
    for (const context of ['one', 'two', 'three', 'four', 'five', 'six']) {
      const run = await into(file, '--context', context);
      expect(run.code, run.stderr).toBe(0);
      states.unshift(readFileSync(file, 'utf8'));
    }
    // A merge that changes nothing writes no backup.
    expect((await into(file, '--context', 'six')).stdout).toContain('nothing changed');
    for (let index = 1; index <= 5; index++) {
      expect(readFileSync(`${file}.bak.${index}`, 'utf8')).toBe(states[index]);
    }
    expect(existsSync(`${file}.bak.6`)).toBe(false);
    expect(statSync(`${file}.bak.1`).mode & 0o777).toBe(0o600);
    expect((await into(file, '--context', 'seven')).stdout).toContain(
      `Previous version of ${file} kept as ${file}.bak.1`,
    );
  });
});

describe('paths that are no kubeconfig file', () => {
  it('refuses a directory (via --kubeconfig or $KUBECONFIG) before any request, naming it', async () => {
    const { home, merge, into } = scratch();
    const before = emulator.requests.length;
    const run = await into(home);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`scp-ske: ${home} is a directory, not a kubeconfig file; nothing was written\n`);
    const listed = await merge(['--cluster-id', DEMO, '--type', 'private'], {
      KUBECONFIG: `${join(home, 'missing')}:${home}`,
    });
    expect(listed.code).toBe(1);
    expect(listed.stderr).toContain(`${home} is a directory`);
    expect(emulator.requests.length).toBe(before);
  });

  it('refuses an empty --kubeconfig (exit 2) and a named pipe (exit 1), creating no lock', async () => {
    const { home, merge, into } = scratch();
    const empty = await merge(['--cluster-id', DEMO, '--type', 'private', '--kubeconfig', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--kubeconfig: expected the path of a kubeconfig file, received ""');
    const pipe = join(home, 'pipe');
    execFileSync('mkfifo', [pipe]);
    const run = await into(pipe);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${pipe} is a named pipe, not a kubeconfig file`);
    expect(readdirSync(home)).toEqual(['pipe']);
  });

  it('names its lock, temporary file and backups within the file-name limit, beside a file of a 252-byte name', async () => {
    const { home, into } = scratch();
    const file = join(home, `${'k'.repeat(248)}.yml`);
    writeFileSync(file, OTHER);
    const run = await into(file);
    expect(run.code, run.stderr).toBe(0);
    const names = readdirSync(home);
    expect(names).toHaveLength(2);
    expect(names.every((name) => Buffer.byteLength(name) <= 255)).toBe(true);
    expect(names.find((name) => name.endsWith('.bak.1'))).toMatch(/^k+~[0-9a-f]{16}\.bak\.1$/);
  });

  it('says which file it could not create, without a raw error', async () => {
    const { home, into } = scratch();
    writeFileSync(join(home, 'plain'), '');
    const run = await into(join(home, 'plain', 'config'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^scp-ske: cannot .*plain\/config.*: a part of the path is not a directory \(ENOTDIR\)/);
  });
});

describe('YAML that kubectl reads', () => {
  it('merges into a file with anchors, aliases and merge keys, keeping every other entry’s meaning', async () => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    const text = `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster: &shared
    server: https://a.example.com:6443
    insecure-skip-tls-verify: true
- name: b
  cluster: *shared
users:
- name: ${PRIVATE}
  user: &token
    token: old-token
- name: borrower
  user:
    <<: *token
    username: me
contexts:
- name: a
  context: {cluster: a, user: borrower}
current-context: a
`;
    writeFileSync(file, text);
    const before = kubectlView([file], home);
    const run = await into(file);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`user ${PRIVATE} replaced`);
    const after = kubectlView([file], home);
    expect(others(after)).toEqual(others(before));
    expect(after.users?.find((user) => user.name === 'borrower')?.user).toEqual({ token: 'old-token', username: 'me' });
    expect(readFileSync(file, 'utf8')).toContain('cluster: *shared');
  });

  it('merges into a context that carries an anchor another context aliases (no "Unresolved alias")', async () => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    const text = `apiVersion: v1
kind: Config
contexts:
- name: mine
  context: &mine
    cluster: ${PRIVATE}
    user: ${PRIVATE}
- name: copy
  context: *mine
current-context: copy
`;
    writeFileSync(file, text);
    const run = await into(file, '--context', 'mine');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const view = kubectlView([file], home);
    expect(view.contexts?.map((context) => context.name).sort()).toEqual(['copy', 'mine']);
    expect(serverOf(view, 'copy')).toContain('.ske.private.');
    expect(readFileSync(file, 'utf8')).toContain('context: *mine');
  });

  it('takes a comments-only file as an empty kubeconfig, as kubectl does, and keeps the comments', async () => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    writeFileSync(file, '# Managed by hand.\n# Add clusters below.\n');
    const run = await into(file);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# Managed by hand\.\n# Add clusters below\.\n/);
    expect(kubectlView([file], home)['current-context']).toBe(PRIVATE);
  });

  it('writes into the last of duplicate top-level keys (the one kubectl reads), leaving the other as it was', async () => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    const ignored = 'contexts:\n- name: ignored\n  context:\n    cluster: other\n    user: other-admin\n';
    writeFileSync(file, `${ignored}${OTHER}`);
    const before = kubectlView([file], home);
    expect(before.contexts?.map((context) => context.name)).toEqual(['other']);
    const run = await into(file);
    expect(run.code, run.stderr).toBe(0);
    const after = kubectlView([file], home);
    expect(after.contexts?.map((context) => context.name).sort()).toEqual(['other', PRIVATE].sort());
    expect(others(after)).toEqual(others(before));
    expect(readFileSync(file, 'utf8').startsWith(ignored)).toBe(true);
  });

  it.each([
    [
      'two entries of one name (kubectl refuses the file)',
      OTHER.replace('users:\n', 'users:\n- name: other-admin\n  user: {token: t}\n'),
      /is not a kubeconfig \(two users are named "other-admin", which kubectl refuses\); it was left untouched/,
    ],
    [
      'several YAML documents',
      `${OTHER}---\nkind: Config\n`,
      /holds several YAML documents \(kubectl reads only the first\); it was left untouched/,
    ],
  ])('refuses %s with a clear message, untouched', async (_name, text, message) => {
    const { home, into } = scratch();
    const file = join(home, 'config');
    writeFileSync(file, text);
    const run = await into(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(message);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(readdirSync(home)).toEqual(['config']);
  });
});
