/**
 * The merge's modules in this process, beside the end-to-end tests that run them through `scp-ske`:
 * the plan (what changes where, and what is a conflict), the summary it prints, the atomic write
 * (a failure leaves nothing behind and is never swallowed), the lock (only a dead local owner's lock
 * is taken over) and the backups.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { writeFileAtomic } from './atomic-file.js';
import { backupPath, rotateBackups } from './backup-rotation.js';
import { LockTimeoutError, lockPath, withFileLock } from './file-lock.js';
import type { IncomingEntries } from './incoming-kubeconfig.js';
import { KubeconfigConflictError, KubeconfigFileError } from './kubeconfig-errors.js';
import { planKubeconfigMerge } from './kubeconfig-merge.js';
import { mergeIntoKubeconfig } from './merge-files.js';
import { mergeSummary } from './merge-summary.js';
import { readTarget, writeFileSafely } from './safe-replace.js';
import { scratchHome } from './testing/run-cli.js';

const SERVER = 'https://demo.ske.example:6443';

const incoming = (server = SERVER, token = 't1'): IncomingEntries => ({
  cluster: { name: 'demo', body: { server } },
  user: { name: 'demo-user', body: { token } },
  context: { name: 'demo-ctx', body: { cluster: 'demo', user: 'demo-user' } },
});

const kubeconfig = (parts: { clusters?: string; users?: string; contexts?: string; current?: string }) =>
  [
    'apiVersion: v1',
    'kind: Config',
    `clusters:${parts.clusters ?? ' []'}`,
    `users:${parts.users ?? ' []'}`,
    `contexts:${parts.contexts ?? ' []'}`,
    ...(parts.current === undefined ? [] : [`current-context: ${parts.current}`]),
    '',
  ].join('\n');

const DEMO_ENTRIES = {
  clusters: `\n- name: demo\n  cluster:\n    server: ${SERVER}`,
  users: '\n- name: demo-user\n  user:\n    token: t1',
  contexts: '\n- name: demo-ctx\n  context:\n    cluster: demo\n    user: demo-user',
};

describe('planKubeconfigMerge', () => {
  it('adds every entry to a new file and makes its context current', () => {
    const plan = planKubeconfigMerge([{ path: '/k/config', text: undefined }], incoming());
    expect(plan.changes.map((change) => [change.section, change.action, change.file])).toEqual([
      ['clusters', 'added', '/k/config'],
      ['users', 'added', '/k/config'],
      ['contexts', 'added', '/k/config'],
      ['current-context', 'set', '/k/config'],
    ]);
    expect(plan.changes[3]?.previous).toBe('');
    expect(plan).toMatchObject({
      changed: true,
      context: 'demo-ctx',
      currentContext: { before: '', after: 'demo-ctx' },
    });
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({ path: '/k/config', created: true });
    const written = parse(plan.writes[0]?.text as string);
    expect(written['current-context']).toBe('demo-ctx');
    expect(written.clusters).toEqual([{ name: 'demo', cluster: { server: SERVER } }]);
  });

  it('keeps entries already there as they are: nothing to write', () => {
    const text = kubeconfig({ ...DEMO_ENTRIES, current: 'demo-ctx' });
    const plan = planKubeconfigMerge([{ path: '/k/config', text }], incoming());
    expect(plan.changes.map((change) => change.action)).toEqual(['kept', 'kept', 'kept']);
    expect(plan).toMatchObject({ changed: false, writes: [] });
  });

  it('replaces only what differs (its own user with a new token), and reports that as a change', () => {
    const text = kubeconfig({ ...DEMO_ENTRIES, current: 'demo-ctx' });
    const plan = planKubeconfigMerge([{ path: '/k/config', text }], incoming(SERVER, 't2'));
    expect(plan.changes.map((change) => [change.section, change.action])).toEqual([
      ['clusters', 'kept'],
      ['users', 'replaced'],
      ['contexts', 'kept'],
    ]);
    expect(plan.changed).toBe(true);
    expect(parse(plan.writes[0]?.text as string).users).toEqual([{ name: 'demo-user', user: { token: 't2' } }]);
    const summary = mergeSummary(
      { ...plan, dryRun: false, files: [{ path: '/k/config', target: '/k/config', created: false }] },
      SERVER,
    );
    expect(summary).toBe('Updated /k/config: cluster demo kept, user demo-user replaced, context demo-ctx kept\n');
  });

  it('refuses a cluster entry of another server, unless told to overwrite', () => {
    const text = kubeconfig({ ...DEMO_ENTRIES, current: 'demo-ctx' });
    const attempt = () => planKubeconfigMerge([{ path: '/k/config', text }], incoming('https://other:6443'));
    expect(attempt).toThrow(KubeconfigConflictError);
    try {
      attempt();
    } catch (error) {
      expect((error as KubeconfigConflictError).conflicts).toEqual([
        {
          section: 'clusters',
          name: 'demo',
          file: '/k/config',
          reason: `points at ${SERVER}, not https://other:6443`,
        },
      ]);
    }
    const plan = planKubeconfigMerge([{ path: '/k/config', text }], incoming('https://other:6443'), {
      overwrite: true,
    });
    expect(plan.changes.map((change) => change.action)).toEqual(['replaced', 'kept', 'kept']);
  });

  it('refuses a context of another cluster, and a user another cluster’s context uses', () => {
    const text = kubeconfig({
      clusters: `${DEMO_ENTRIES.clusters}\n- name: prod\n  cluster:\n    server: https://prod:6443`,
      users: '\n- name: demo-user\n  user:\n    token: old',
      contexts:
        '\n- name: demo-ctx\n  context:\n    cluster: prod\n    user: x\n- name: prod-ctx\n  context:\n    cluster: prod\n    user: demo-user',
    });
    let conflicts: unknown;
    try {
      planKubeconfigMerge([{ path: '/k/config', text }], incoming());
    } catch (error) {
      conflicts = (error as KubeconfigConflictError).conflicts.map((conflict) => [conflict.section, conflict.reason]);
    }
    expect(conflicts).toEqual([
      ['users', 'is the user of context "prod-ctx" (cluster "prod")'],
      ['contexts', 'is for cluster "prod" and user "x", not cluster "demo" and user "demo-user"'],
    ]);
  });

  it('keeps a context of this cluster and user with its namespace', () => {
    const text = kubeconfig({
      ...DEMO_ENTRIES,
      contexts: `${DEMO_ENTRIES.contexts}\n    namespace: team`,
      current: 'demo-ctx',
    });
    const plan = planKubeconfigMerge([{ path: '/k/config', text }], incoming());
    expect(plan.changes.map((change) => change.action)).toEqual(['kept', 'kept', 'kept']);
    expect(plan.changed).toBe(false);
  });

  it('modifies an entry where kubectl reads it, adds to the first file that exists, and writes the current context last', () => {
    const first = kubeconfig({ users: '\n- name: demo-user\n  user:\n    token: old' });
    const second = kubeconfig({ ...DEMO_ENTRIES, contexts: ' []', users: ' []', current: 'prod' });
    const plan = planKubeconfigMerge(
      [
        { path: '/k/a', text: undefined },
        { path: '/k/b', text: first },
        { path: '/k/c', text: second },
      ],
      incoming(),
      { setCurrent: true },
    );
    expect(plan.changes.map((change) => [change.section, change.action, change.file])).toEqual([
      ['clusters', 'kept', '/k/c'],
      ['users', 'replaced', '/k/b'],
      ['contexts', 'added', '/k/b'],
      ['current-context', 'set', '/k/c'],
    ]);
    expect(plan.changes[3]?.previous).toBe('prod');
    expect(plan.writes.map((write) => [write.path, write.created])).toEqual([
      ['/k/b', false],
      ['/k/c', false],
    ]);
    expect(plan.currentContext).toEqual({ before: 'prod', after: 'demo-ctx' });
  });

  it('leaves another current context alone without setCurrent', () => {
    const plan = planKubeconfigMerge([{ path: '/k/config', text: kubeconfig({ current: 'prod' }) }], incoming());
    expect(plan.currentContext).toEqual({ before: 'prod', after: 'prod' });
    expect(plan.changes.some((change) => change.section === 'current-context')).toBe(false);
    expect(parse(plan.writes[0]?.text as string)['current-context']).toBe('prod');
  });

  it('needs a file', () => {
    expect(() => planKubeconfigMerge([], incoming())).toThrow('planKubeconfigMerge: no kubeconfig file');
  });
});

/** The conflicts of a plan that throws, as [section, name, reason]; [] when it does not throw. */
function conflictsOf(plan: () => unknown): [string, string, string][] {
  try {
    plan();
  } catch (error) {
    if (!(error instanceof KubeconfigConflictError)) throw error;
    return error.conflicts.map((conflict) => [conflict.section, conflict.name, conflict.reason]);
  }
  return [];
}

describe('planKubeconfigMerge: what is a conflict', () => {
  const DEMO_USER = '\n- name: demo-user\n  user:\n    token: old';

  it('replaces a cluster entry of the same server without a conflict (another CA, say)', () => {
    const text = kubeconfig({
      clusters: `\n- name: demo\n  cluster:\n    server: ${SERVER}\n    certificate-authority-data: b2xk`,
    });
    const plan = planKubeconfigMerge([{ path: '/k/config', text }], incoming());
    expect(plan.changes.map((change) => [change.section, change.action])).toEqual([
      ['clusters', 'replaced'],
      ['users', 'added'],
      ['contexts', 'added'],
      ['current-context', 'set'],
    ]);
  });

  it('says a cluster entry without a server points at no server', () => {
    const text = kubeconfig({ clusters: '\n- name: demo\n  cluster:\n    insecure-skip-tls-verify: true' });
    expect(conflictsOf(() => planKubeconfigMerge([{ path: '/k/config', text }], incoming()))).toEqual([
      ['clusters', 'demo', `points at no server, not ${SERVER}`],
    ]);
  });

  it('refuses a context of this cluster with another user, and of another cluster with this user', () => {
    for (const [cluster, user] of [
      ['demo', 'someone'],
      ['prod', 'demo-user'],
    ]) {
      const text = kubeconfig({
        contexts: `\n- name: demo-ctx\n  context:\n    cluster: ${cluster}\n    user: ${user}`,
      });
      expect(conflictsOf(() => planKubeconfigMerge([{ path: '/k/config', text }], incoming()))).toEqual([
        [
          'contexts',
          'demo-ctx',
          `is for cluster "${cluster}" and user "${user}", not cluster "demo" and user "demo-user"`,
        ],
      ]);
    }
  });

  it('reads a context without a user as user "", and a cluster written as a number as its text', () => {
    const text = kubeconfig({ contexts: '\n- name: demo-ctx\n  context:\n    cluster: 5' });
    expect(conflictsOf(() => planKubeconfigMerge([{ path: '/k/config', text }], incoming()))).toEqual([
      ['contexts', 'demo-ctx', 'is for cluster "5" and user "", not cluster "demo" and user "demo-user"'],
    ]);
    const numbered = { ...incoming(), cluster: { name: '5', body: { server: SERVER } } };
    numbered.context = { name: 'demo-ctx', body: { cluster: '5', user: 'demo-user' } };
    const same = kubeconfig({ contexts: '\n- name: demo-ctx\n  context:\n    cluster: 5\n    user: demo-user' });
    const plan = planKubeconfigMerge([{ path: '/k/config', text: same }], numbered);
    expect(plan.changes.find((change) => change.section === 'contexts')?.action).toBe('kept');
  });

  it("takes a user as another cluster's only through the other contexts that use it", () => {
    const text = kubeconfig({
      users: DEMO_USER,
      contexts: [
        // its own context, of another cluster: a conflict of the context, not of the user
        '\n- name: demo-ctx\n  context:\n    cluster: prod\n    user: demo-user',
        // another context of this cluster with this user, and one of another cluster with another user
        '\n- name: mine-too\n  context:\n    cluster: demo\n    user: demo-user',
        '\n- name: theirs\n  context:\n    cluster: prod\n    user: someone',
      ].join(''),
    });
    expect(conflictsOf(() => planKubeconfigMerge([{ path: '/k/config', text }], incoming()))).toEqual([
      ['contexts', 'demo-ctx', 'is for cluster "prod" and user "demo-user", not cluster "demo" and user "demo-user"'],
    ]);
  });

  it("lists every other cluster's context that uses the user", () => {
    const text = kubeconfig({
      users: DEMO_USER,
      contexts:
        '\n- name: a\n  context:\n    cluster: prod\n    user: demo-user\n- name: b\n  context:\n    cluster: test\n    user: demo-user',
    });
    expect(conflictsOf(() => planKubeconfigMerge([{ path: '/k/config', text }], incoming()))).toEqual([
      ['users', 'demo-user', 'is the user of context "a" (cluster "prod"), context "b" (cluster "test")'],
    ]);
  });

  it('judges a context by its first definition, the one kubectl sees', () => {
    const first = kubeconfig({ contexts: '\n- name: other\n  context:\n    cluster: demo\n    user: demo-user' });
    const second = kubeconfig({
      users: DEMO_USER,
      contexts: '\n- name: other\n  context:\n    cluster: prod\n    user: demo-user',
    });
    const plan = planKubeconfigMerge(
      [
        { path: '/k/a', text: first },
        { path: '/k/b', text: second },
      ],
      incoming(),
    );
    expect(plan.changes.find((change) => change.section === 'users')).toMatchObject({
      action: 'replaced',
      file: '/k/b',
    });
  });
});

describe('planKubeconfigMerge: the current context and the order of writes', () => {
  it('changes nothing when the context is current already, even with setCurrent', () => {
    const text = kubeconfig({
      ...DEMO_ENTRIES,
      users: '\n- name: demo-user\n  user:\n    token: old',
      current: 'demo-ctx',
    });
    const plan = planKubeconfigMerge([{ path: '/k/config', text }], incoming(), { setCurrent: true });
    expect(plan.changes.map((change) => [change.section, change.action])).toEqual([
      ['clusters', 'kept'],
      ['users', 'replaced'],
      ['contexts', 'kept'],
    ]);
    expect(plan.currentContext).toEqual({ before: 'demo-ctx', after: 'demo-ctx' });
  });

  // a holds the current context and gets the new entries; b holds the cluster entry, replaced.
  const files = () => [
    { path: '/k/a', text: kubeconfig({ current: 'prod' }) },
    {
      path: '/k/b',
      text: kubeconfig({ clusters: `\n- name: demo\n  cluster:\n    server: ${SERVER}\n    proxy-url: http://p:3128` }),
    },
    { path: '/k/c', text: kubeconfig({ clusters: '\n- name: unrelated\n  cluster:\n    server: https://u:6443' }) },
  ];

  it('writes the changed files in their order when the current context stays, and no unchanged file', () => {
    const plan = planKubeconfigMerge(files(), incoming());
    expect(plan.writes.map((write) => write.path)).toEqual(['/k/a', '/k/b']);
  });

  it('writes the file whose current context changes last', () => {
    const plan = planKubeconfigMerge(files(), incoming(), { setCurrent: true });
    expect(plan.writes.map((write) => write.path)).toEqual(['/k/b', '/k/a']);
  });
});

describe('mergeSummary', () => {
  const base = {
    context: 'demo-ctx',
    writes: [],
    currentContext: { before: 'demo-ctx', after: 'demo-ctx' },
  };

  it('says nothing changed, naming the file of the context', () => {
    const changes = [
      { section: 'clusters', name: 'demo', action: 'kept', file: '/k/a' },
      { section: 'contexts', name: 'demo-ctx', action: 'kept', file: '/k/b' },
    ] as const;
    const report = { ...base, changes: [...changes], changed: false, dryRun: false, files: [] };
    expect(mergeSummary(report, SERVER)).toBe(`/k/b already has context demo-ctx for ${SERVER}: nothing changed\n`);
    expect(mergeSummary({ ...report, dryRun: true }, SERVER)).toBe(
      `/k/b already has context demo-ctx for ${SERVER}: nothing would change\n`,
    );
  });

  it('names each file, created, updated, linked or unchanged, the current context, backups and a dry run', () => {
    const report = {
      ...base,
      changed: true,
      currentContext: { before: 'demo-ctx', after: 'prod' },
      changes: [
        { section: 'clusters', name: 'demo', action: 'added', file: '/k/new' },
        { section: 'users', name: 'u', action: 'kept', file: '/k/same' },
        { section: 'contexts', name: 'demo-ctx', action: 'replaced', file: '/k/link' },
        { section: 'current-context', name: 'x', action: 'set', file: '/k/link', previous: 'old' },
      ] as const,
      files: [
        { path: '/k/new', target: '/k/new', created: true },
        { path: '/k/link', target: '/k/real', created: false, backup: '/k/real.bak.1' },
      ],
    };
    const lines = (dryRun: boolean) =>
      mergeSummary({ ...report, changes: [...report.changes], dryRun }, SERVER).split('\n');
    expect(lines(false)).toEqual([
      'Created /k/new: cluster demo added',
      'Unchanged /k/same: user u kept',
      'Updated /k/link (a link to /k/real): context demo-ctx replaced, current-context → x (was old)',
      `demo-ctx is the current context: kubectl now uses ${SERVER}`,
      'Current context: prod (unchanged; --set-current switches to demo-ctx)',
      'Previous version of /k/link kept as /k/real.bak.1',
      '',
    ]);
    expect(lines(true).slice(0, 3)).toEqual([
      'Would create /k/new: cluster demo added',
      'Unchanged /k/same: user u kept',
      'Would update /k/link (a link to /k/real): context demo-ctx replaced, current-context → x (was old)',
    ]);
    expect(lines(true).at(-2)).toBe('Dry run: nothing was written.');
  });

  it('lists every entry of an unchanged file, and says nothing of kubectl when the replaced context was not current', () => {
    const report = {
      ...base,
      changed: true,
      dryRun: false,
      currentContext: { before: 'prod', after: 'prod' },
      changes: [
        { section: 'clusters', name: 'demo', action: 'kept', file: '/k/same' },
        { section: 'users', name: 'u', action: 'kept', file: '/k/same' },
        { section: 'contexts', name: 'demo-ctx', action: 'replaced', file: '/k/a' },
      ] as never,
      files: [{ path: '/k/a', target: '/k/a', created: false }],
    };
    expect(mergeSummary(report, SERVER).split('\n')).toEqual([
      'Unchanged /k/same: cluster demo kept, user u kept',
      'Updated /k/a: context demo-ctx replaced',
      'Current context: prod (unchanged; --set-current switches to demo-ctx)',
      '',
    ]);
  });

  it('says there was no current context before, and none after', () => {
    const report = {
      ...base,
      changed: true,
      dryRun: false,
      currentContext: { before: '', after: '' },
      changes: [{ section: 'current-context', name: 'demo-ctx', action: 'set', file: '/k/a', previous: '' }] as never,
      files: [{ path: '/k/a', target: '/k/a', created: false }],
    };
    expect(mergeSummary(report, SERVER).split('\n')).toEqual([
      'Updated /k/a: current-context → demo-ctx (there was none)',
      'Current context: none (unchanged; --set-current switches to demo-ctx)',
      '',
    ]);
  });
});

describe('mergeIntoKubeconfig', () => {
  it('writes, then keeps a backup of what it replaced, and a dry run writes nothing', async () => {
    const home = scratchHome();
    const file = join(home, 'config');
    const dry = await mergeIntoKubeconfig([file], incoming(), { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, changed: true, files: [{ path: file, target: file, created: true }] });
    expect(existsSync(file)).toBe(false);
    const first = await mergeIntoKubeconfig([file], incoming());
    expect(first).toMatchObject({ dryRun: false, files: [{ path: file, target: file, created: true }] });
    expect(first.files[0]?.backup).toBeUndefined();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = readFileSync(file, 'utf8');
    const second = await mergeIntoKubeconfig([file], incoming(SERVER, 't2'));
    expect(second.files).toEqual([{ path: file, target: file, created: false, backup: backupPath(file) }]);
    expect(readFileSync(backupPath(file), 'utf8')).toBe(before);
    expect(readdirSync(home).sort()).toEqual(['config', 'config.bak.1']);
  });

  it('says which files were already written when a later one fails', async () => {
    const home = scratchHome();
    const [a, b] = [join(home, 'a'), join(home, 'b')];
    writeFileSync(a, kubeconfig({ users: '\n- name: demo-user\n  user:\n    token: old' }));
    writeFileSync(b, kubeconfig({ current: 'prod' }));
    // b's backups cannot rotate: a folder that is not empty sits where the oldest one goes.
    writeFileSync(backupPath(b, 4), '');
    mkdirSync(backupPath(b, 5));
    writeFileSync(join(backupPath(b, 5), 'x'), '');
    const error = await mergeIntoKubeconfig([a, b], incoming(), { setCurrent: true }).catch((caught) => caught);
    expect(error).toBeInstanceOf(KubeconfigFileError);
    expect(error.message).toMatch(new RegExp(`; already written: ${a}$`));
  });
});

describe('mergeIntoKubeconfig: the files it locks', () => {
  /** A lock on `file` held by a live process (this one, under another nonce); removing it releases it. */
  const hold = (file: string) =>
    writeFileSync(lockPath(file), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'held' }));
  const release = (file: string) => rmSync(lockPath(file));

  it('locks every file that exists, each of which it may write', async () => {
    const home = scratchHome();
    const [a, b] = [join(home, 'a'), join(home, 'b')];
    writeFileSync(a, kubeconfig({}));
    writeFileSync(b, kubeconfig({ current: 'prod' }));
    hold(b);
    const failure = mergeIntoKubeconfig([a, b], incoming(), { lockTimeoutMs: 50 });
    await expect(failure).rejects.toBeInstanceOf(LockTimeoutError);
    expect(readFileSync(a, 'utf8')).toBe(kubeconfig({}));
  });

  it('locks no file that does not exist but the one new entries would create', async () => {
    const home = scratchHome();
    const [x, a, y] = [join(home, 'x'), join(home, 'a'), join(home, 'y')];
    writeFileSync(a, kubeconfig({}));
    hold(x);
    hold(y);
    const report = await mergeIntoKubeconfig([x, a, y], incoming(), { lockTimeoutMs: 50 });
    expect(report.files.map((file) => file.path)).toEqual([a]);
  });

  it('gives up after lockTimeoutMs, not the default 30 s', async () => {
    const file = join(scratchHome(), 'config');
    hold(file);
    const started = Date.now();
    await expect(mergeIntoKubeconfig([file], incoming(), { lockTimeoutMs: 50 })).rejects.toBeInstanceOf(
      LockTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('locks again when a file appeared while it waited, and writes nothing before it holds that lock too', async () => {
    const home = scratchHome();
    const [a, b] = [join(home, 'a'), join(home, 'b')];
    writeFileSync(b, kubeconfig({ current: 'prod' }));
    hold(b);
    const merge = mergeIntoKubeconfig([a, b], incoming(), { lockTimeoutMs: 10_000 });
    let settled = false;
    void merge.then(
      () => (settled = true),
      () => (settled = true),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    // a appears (new entries now go to it), locked by someone else; then b is released.
    writeFileSync(a, kubeconfig({}));
    hold(a);
    release(b);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(settled).toBe(false);
    expect(readFileSync(a, 'utf8')).toBe(kubeconfig({}));
    release(a);
    const report = await merge;
    expect(report.files.map((file) => [file.path, file.created])).toEqual([[a, false]]);
    expect(parse(readFileSync(a, 'utf8')).contexts).toEqual([
      { name: 'demo-ctx', context: { cluster: 'demo', user: 'demo-user' } },
    ]);
  });
});

describe('mergeIntoKubeconfig: a write that fails', () => {
  /** b's backups cannot rotate: a folder that is not empty sits where the oldest one goes. */
  const breakBackups = (file: string) => {
    writeFileSync(backupPath(file, 4), '');
    mkdirSync(backupPath(file, 5));
    writeFileSync(join(backupPath(file, 5), 'x'), '');
  };

  it('is reported as it is when nothing was written yet', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(file, kubeconfig({ current: 'prod' }));
    breakBackups(file);
    const error = await mergeIntoKubeconfig([file], incoming()).catch((caught) => caught);
    expect(error).toBeInstanceOf(KubeconfigFileError);
    expect(error.message).toMatch(new RegExp(`^cannot write ${file}`));
    expect(error.message).not.toContain('already written');
  });

  it('names every file already written', async () => {
    const home = scratchHome();
    const [a, b, c] = [join(home, 'a'), join(home, 'b'), join(home, 'c')];
    writeFileSync(a, kubeconfig({ users: '\n- name: demo-user\n  user:\n    token: old' }));
    writeFileSync(
      b,
      kubeconfig({ clusters: `\n- name: demo\n  cluster:\n    server: ${SERVER}\n    proxy-url: http://p:3128` }),
    );
    writeFileSync(c, kubeconfig({ current: 'prod' }));
    breakBackups(c);
    const error = await mergeIntoKubeconfig([a, b, c], incoming(), { setCurrent: true }).catch((caught) => caught);
    expect(error).toBeInstanceOf(KubeconfigFileError);
    expect(error.message).toMatch(new RegExp(`; already written: ${a}, ${b}$`));
  });
});

describe('writeFileAtomic', () => {
  it('writes the whole text with the mode asked for, leaving no temporary file', async () => {
    const home = scratchHome();
    const file = join(home, 'deep', 'config');
    await writeFileAtomic(file, 'text', 0o640);
    expect(readFileSync(file, 'utf8')).toBe('text');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(statSync(join(home, 'deep')).mode & 0o777).toBe(0o700);
    expect(readdirSync(join(home, 'deep'))).toEqual(['config']);
    await writeFileAtomic(file, 'again');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('fails when it cannot replace the file, leaving neither a partial file nor a temporary one', async () => {
    const home = scratchHome();
    const target = join(home, 'config');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), '');
    await expect(writeFileAtomic(target, 'text')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
    expect(readdirSync(home)).toEqual(['config']);
  });

  it('closes every file it opened, whether the write succeeds or fails', async () => {
    const openFiles = () => readdirSync('/proc/self/fd').length;
    const home = scratchHome();
    const before = openFiles();
    await writeFileAtomic(join(home, 'config'), 'text');
    expect(openFiles()).toBe(before);
    mkdirSync(join(home, 'folder'));
    writeFileSync(join(home, 'folder', 'inside'), '');
    await expect(writeFileAtomic(join(home, 'folder'), 'text')).rejects.toThrow();
    expect(openFiles()).toBe(before);
  });
});

describe('writeFileSafely and readTarget', () => {
  it('writes once, then changes nothing for the same text, and keeps a backup on a change', async () => {
    const file = join(scratchHome(), 'config');
    expect(await writeFileSafely(file, 'one')).toEqual({ target: file, created: true, changed: true });
    expect(await writeFileSafely(file, 'one')).toEqual({ target: file, created: false, changed: false });
    expect(await writeFileSafely(file, 'two')).toEqual({
      target: file,
      created: false,
      changed: true,
      backup: backupPath(file),
    });
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('reads nothing for a file that is gone, and names a file it cannot read', async () => {
    const home = scratchHome();
    expect(await readTarget({ path: join(home, 'x'), target: join(home, 'x'), exists: true } as never)).toBeUndefined();
    expect(
      await readTarget({ path: join(home, 'x'), target: join(home, 'x'), exists: false } as never),
    ).toBeUndefined();
    const error = await readTarget({ path: home, target: home, exists: true } as never).catch((caught) => caught);
    expect(error).toBeInstanceOf(KubeconfigFileError);
    expect(error.message).toContain(`cannot read ${home}`);
  });
});

describe('rotateBackups', () => {
  it('keeps the newest `kept` backups, newest first', async () => {
    const file = join(scratchHome(), 'config');
    for (const text of ['1', '2', '3', '4']) await rotateBackups(file, text, 3);
    expect([1, 2, 3].map((index) => readFileSync(backupPath(file, index), 'utf8'))).toEqual(['4', '3', '2']);
    expect(existsSync(backupPath(file, 4))).toBe(false);
  });

  it('fails when a backup cannot be moved', async () => {
    const file = join(scratchHome(), 'config');
    // A folder that is not empty sits where backup 4 moves to.
    writeFileSync(backupPath(file, 4), '');
    mkdirSync(backupPath(file, 5));
    writeFileSync(join(backupPath(file, 5), 'x'), '');
    await expect(rotateBackups(file, 'b')).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
  });
});

describe('withFileLock', () => {
  const deadPid = () =>
    Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));

  it("never takes over another host's lock, even of a pid that is dead here", async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), JSON.stringify({ pid: deadPid(), host: `not-${hostname()}`, nonce: 'n' }));
    await expect(withFileLock(file, async () => 1, { timeoutMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    expect(existsSync(lockPath(file))).toBe(true);
  });

  it('waits for a live lock and takes it once released', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'held' }));
    setTimeout(() => execFileSync('rm', [lockPath(file)]), 150);
    expect(await withFileLock(file, async () => 'ran', { timeoutMs: 5000 })).toBe('ran');
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('takes over an unreadable lock only once it is old', async () => {
    const file = join(scratchHome(), 'config');
    writeFileSync(lockPath(file), '');
    await expect(withFileLock(file, async () => 1, { timeoutMs: 100 })).rejects.toBeInstanceOf(LockTimeoutError);
    const old = new Date(Date.now() - 60_000);
    const { utimesSync } = await import('node:fs');
    utimesSync(lockPath(file), old, old);
    expect(await withFileLock(file, async () => 2, { timeoutMs: 1000 })).toBe(2);
  });

  it('releases the lock when the action fails, but never a lock that is no longer its own', async () => {
    const file = join(scratchHome(), 'config');
    await expect(
      withFileLock(file, async () => {
        throw new Error('action failed');
      }),
    ).rejects.toThrow('action failed');
    expect(existsSync(lockPath(file))).toBe(false);
    await withFileLock(file, async () => {
      writeFileSync(lockPath(file), JSON.stringify({ pid: process.pid, host: hostname(), nonce: 'someone-else' }));
    });
    expect(JSON.parse(readFileSync(lockPath(file), 'utf8'))).toMatchObject({ nonce: 'someone-else' });
  });

  it('writes its owner into the lock, readable only by the user', async () => {
    const file = join(scratchHome(), 'config');
    const seen = await withFileLock(file, async () => ({
      owner: JSON.parse(readFileSync(lockPath(file), 'utf8')),
      mode: statSync(lockPath(file)).mode & 0o777,
    }));
    expect(seen.owner).toMatchObject({
      pid: process.pid,
      host: hostname(),
      nonce: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(seen.mode).toBe(0o600);
  });
});
