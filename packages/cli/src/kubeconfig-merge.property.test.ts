/**
 * Property test of the merge (merge-files.ts, called directly): random $KUBECONFIG lists (missing,
 * empty, comments-only and real files, with comments, anchors, aliases, merge keys, flow style, a
 * duplicate top-level block kubectl ignores, now and then a name twice) × random merges (names,
 * overrides, --set-current, --overwrite, a dry run first). Invariants, on what the readers see:
 * every entry the merge did not name keeps its meaning; the merge's entries are the cluster's; the
 * current context changes only as allowed; a conflict is refused exactly when an entry of another
 * cluster would be replaced (without --overwrite); a refused merge or a dry run changes no byte and
 * creates no file; written files load; the same merge again changes nothing; and each value is
 * written where kubectl writes it (checked file by file). The reader is @kubernetes/client-node for every case (each
 * file loaded with `loadFromFile`, merged by kubectl's rules), and kubectl itself (`kubectl config
 * view`) for every 10th case and every case client-node cannot read (duplicate keys).
 * NUM_RUNS sets the number of cases (default 500; `pnpm run test:property-long` runs more).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renameIncoming } from './incoming-kubeconfig.js';
import { KubeconfigConflictError, KubeconfigFileError } from './kubeconfig-errors.js';
import { entryNames } from './kubeconfig-names.js';
import { type MergeReport, mergeIntoKubeconfig } from './merge-files.js';
import { type KubectlView, kubectlViewAsync } from './testing/kubectl.js';

const NUM_RUNS = Number(process.env.NUM_RUNS ?? 500);
const IDS = ['70a599e031e749b7b260868f441e862b', 'bbbb0000bbbb0000bbbb0000bbbb0002'];
/** Names existing entries and overrides draw from: plain ones, and the merge's own default names. */
const NAMES = [
  'a',
  'b',
  'prod',
  'demo-private-70a599e0',
  'demo-public-70a599e0',
  'demo-private-70a599e0-admin',
  'twin-private-bbbb0000',
  'demo-private-bbbb0000',
];
const serverFor = (id: string, type: string) => `https://${id}.ske.${type}.example.com:6443`;
const SERVERS = [
  'https://a.example.com:6443',
  serverFor(IDS[0] as string, 'private'),
  serverFor(IDS[0] as string, 'public'),
];
const CA = 'Q0E=';

type Section = 'clusters' | 'users' | 'contexts';
const SECTIONS: Section[] = ['clusters', 'users', 'contexts'];
const BODY = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;

interface EntryModel {
  name: string;
  body: Record<string, unknown>;
  anchor: boolean;
  /** Alias the body of this earlier entry (when it has an anchor). */
  aliasOf: number | undefined;
  /** Users only: a `<<` merge of the first user's body, plus a field. */
  merge: boolean;
  flow: boolean;
}

const entry = (section: Section) =>
  fc.record({
    name: fc.constantFrom(...NAMES),
    body:
      section === 'clusters'
        ? fc.record(
            { server: fc.constantFrom(...SERVERS), 'certificate-authority-data': fc.constant(CA) },
            { requiredKeys: ['server'] },
          )
        : section === 'users'
          ? fc.record({ token: fc.constantFrom('tok-1', 'tok-2', 'other') })
          : fc.record(
              { cluster: fc.constantFrom(...NAMES), user: fc.constantFrom(...NAMES), namespace: fc.constant('team-a') },
              { requiredKeys: ['cluster', 'user'] },
            ),
    anchor: fc.boolean(),
    aliasOf: fc.option(fc.nat(3), { nil: undefined, freq: 4 }),
    merge: fc.boolean(),
    flow: fc.boolean(),
  });

const entries = (section: Section) => fc.uniqueArray(entry(section), { selector: (item) => item.name, maxLength: 4 });

const FILE = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'missing' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'comments' as const }) },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('config' as const),
      clusters: entries('clusters'),
      users: entries('users'),
      contexts: entries('contexts'),
      current: fc.option(fc.constantFrom('', ...NAMES), { nil: undefined }),
      header: fc.boolean(),
      comments: fc.boolean(),
      indent: fc.boolean(),
      // Rare: a duplicate top-level block (client-node cannot read it), a name twice (kubectl refuses it).
      ignoredBlock: fc.integer({ min: 0, max: 99 }).map((roll) => roll < 8),
      twiceNamed: fc.integer({ min: 0, max: 99 }).map((roll) => roll < 5),
    }),
  },
);
type FileModel = typeof FILE extends fc.Arbitrary<infer T> ? T : never;

const CASE = fc.record({
  files: fc.array(FILE, { minLength: 1, maxLength: 3 }),
  clusterName: fc.constantFrom('demo', 'twin'),
  clusterId: fc.constantFrom(...IDS),
  type: fc.constantFrom('private', 'public'),
  admin: fc.boolean(),
  token: fc.constantFrom('tok-1', 'tok-2'),
  context: fc.option(fc.constantFrom(...NAMES), { nil: undefined, freq: 3 }),
  clusterAlias: fc.option(fc.constantFrom(...NAMES), { nil: undefined, freq: 3 }),
  userAlias: fc.option(fc.constantFrom(...NAMES), { nil: undefined, freq: 3 }),
  setCurrent: fc.boolean(),
  overwrite: fc.boolean(),
  dryRunFirst: fc.boolean(),
});
type Case = typeof CASE extends fc.Arbitrary<infer T> ? T : never;

/** The YAML text of a file model (undefined: no file). */
function render(model: FileModel): string | undefined {
  if (model.kind === 'missing') return undefined;
  if (model.kind === 'empty') return '';
  if (model.kind === 'comments') return '# Nothing here yet.\n# kubectl reads this file as empty.\n';
  const lines: string[] = [];
  if (model.header) lines.push('# My kubeconfig. Keep this comment.');
  lines.push('apiVersion: v1', 'kind: Config');
  // A block kubectl ignores: the same keys come again below, and the last ones win.
  if (model.ignoredBlock)
    lines.push('contexts:', '- name: ghost', '  context: {cluster: ghost, user: ghost}', 'current-context: ghost');
  lines.push('preferences: {}');
  const dash = model.indent ? '  - ' : '- ';
  const pad = model.indent ? '    ' : '  ';
  for (const section of SECTIONS) {
    const list: EntryModel[] = model[section];
    const all = model.twiceNamed && list[0] ? [...list, list[0]] : list;
    if (all.length === 0) {
      lines.push(`${section}: []`);
      continue;
    }
    lines.push(`${section}:`);
    all.forEach((item, index) => {
      const key = BODY[section];
      lines.push(`${dash}name: ${item.name}${model.comments ? `  # ${section} ${index}` : ''}`);
      const target = item.aliasOf === undefined ? undefined : all[item.aliasOf];
      if (
        target &&
        item.aliasOf !== undefined &&
        item.aliasOf < index &&
        target.anchor &&
        target.aliasOf === undefined
      ) {
        lines.push(`${pad}${key}: *${section}${item.aliasOf}`);
        return;
      }
      const anchor = item.anchor ? ` &${section}${index}` : '';
      if (section === 'users' && item.merge && index > 0 && all[0]?.anchor) {
        lines.push(`${pad}${key}:${anchor}`, `${pad}  <<: *users0`, `${pad}  username: me`);
        return;
      }
      const fields = Object.entries(item.body);
      if (item.flow) {
        lines.push(
          `${pad}${key}:${anchor} {${fields.map(([field, value]) => `${field}: ${JSON.stringify(value)}`).join(', ')}}`,
        );
      } else {
        lines.push(
          `${pad}${key}:${anchor}`,
          ...fields.map(([field, value]) => `${pad}  ${field}: ${JSON.stringify(value)}`),
        );
      }
    });
  }
  if (model.current !== undefined || model.ignoredBlock)
    lines.push(`current-context: ${JSON.stringify(model.current ?? '')}`);
  return `${lines.join('\n')}\n`;
}

/** What a reader sees: each section by name (the first definition wins), and the current context. */
interface View {
  clusters: Map<string, unknown>;
  users: Map<string, unknown>;
  contexts: Map<string, unknown>;
  current: string;
}

const isEmptyText = (text: string) => text.split('\n').every((line) => /^\s*(#.*)?$/.test(line));

/** client-node's view of the files: each loaded with loadFromFile, merged by kubectl's rules. */
function clientNodeView(paths: string[], texts: (string | undefined)[]): View {
  const view: View = { clusters: new Map(), users: new Map(), contexts: new Map(), current: '' };
  paths.forEach((path, index) => {
    const text = texts[index];
    if (text === undefined || isEmptyText(text)) return;
    const config = new KubeConfig();
    config.loadFromFile(path);
    const add = (map: Map<string, unknown>, items: { name: string }[]) => {
      for (const item of items) if (!map.has(item.name)) map.set(item.name, item);
    };
    add(view.clusters, config.getClusters());
    add(view.users, config.getUsers());
    add(view.contexts, config.getContexts());
    if (!view.current && config.getCurrentContext()) view.current = config.getCurrentContext();
  });
  return view;
}

/** kubectl's rules for where the merge writes: each entry in the first file that defined it, else the
 * first file that exists, else the last one; the current context in the first file that set one, else
 * likewise. Checked on each file alone, with client-node. */
function checkPlacement(paths: string[], before: (string | undefined)[], after: (string | undefined)[], names: Names) {
  const views = (texts: (string | undefined)[]) => paths.map((path, index) => clientNodeView([path], [texts[index]]));
  const [old, now] = [views(before), views(after)];
  const existing = paths.map((_, index) => before[index] !== undefined);
  const fallback = existing.indexOf(true) === -1 ? paths.length - 1 : existing.indexOf(true);
  paths.forEach((path, index) => {
    if (!existing[index] && after[index] !== undefined) expect(index, `${path} created`).toBe(fallback);
  });
  const own = { clusters: names.cluster, users: names.user, contexts: names.context };
  for (const section of SECTIONS) {
    const defined = old.findIndex((view) => view[section].has(own[section]));
    expect(now[defined === -1 ? fallback : defined]?.[section].has(own[section]), `${section} placed`).toBe(true);
  }
  const holder = old.findIndex((view) => view.current !== '');
  const current = now.find((view) => view.current !== '')?.current;
  if (current !== (holder === -1 ? '' : old[holder]?.current)) {
    expect(now[holder === -1 ? fallback : holder]?.current, 'current-context placed').toBe(names.context);
  }
}

/** kubectl's view, in the same shape: the body of each entry, without its name. */
function fromKubectl(raw: KubectlView): View {
  const byName = (items: { name: string; [key: string]: unknown }[] | null, key: string) =>
    new Map((items ?? []).map((item) => [item.name, { name: item.name, ...(item[key] as object) }]));
  return {
    clusters: byName(raw.clusters, 'cluster'),
    users: byName(raw.users, 'user'),
    contexts: byName(raw.contexts, 'context'),
    current: raw['current-context'] ?? '',
  };
}

/** Reads a view's fields the same way for both readers (client-node and kubectl spell some differently). */
const field = (value: unknown, ...names: string[]) => {
  const record = (value ?? {}) as Record<string, unknown>;
  return names.map((name) => record[name]).find((found) => found !== undefined);
};

interface Names {
  cluster: string;
  user: string;
  context: string;
}

/** Which conflicts the merge must find, from what the reader saw before. */
function expectedConflict(before: View, names: Names, server: string, token: string): boolean {
  const cluster = before.clusters.get(names.cluster);
  if (cluster && field(cluster, 'server') !== server) return true;
  const context = before.contexts.get(names.context);
  if (context && (field(context, 'cluster') !== names.cluster || field(context, 'user') !== names.user)) return true;
  const user = before.users.get(names.user);
  const sameUser = user && field(user, 'token') === token && field(user, 'username') === undefined;
  if (user && !sameUser) {
    for (const [name, other] of before.contexts) {
      if (name !== names.context && field(other, 'user') === names.user && field(other, 'cluster') !== names.cluster) {
        return true;
      }
    }
  }
  return false;
}

function checkUnchangedExcept(before: View, after: View, names: Names): void {
  const own = { clusters: names.cluster, users: names.user, contexts: names.context };
  for (const section of SECTIONS) {
    const keys = new Set([...before[section].keys(), ...after[section].keys()]);
    for (const key of keys) {
      if (key === own[section]) continue;
      expect(after[section].get(key), `${section} ${key}`).toEqual(before[section].get(key));
    }
  }
}

function checkMerged(after: View, before: View, names: Names, test: Case, server: string): void {
  expect(field(after.clusters.get(names.cluster), 'server')).toBe(server);
  expect(field(after.users.get(names.user), 'token')).toBe(test.token);
  const context = after.contexts.get(names.context);
  expect([field(context, 'cluster'), field(context, 'user')]).toEqual([names.cluster, names.user]);
  const expected = test.setCurrent || before.current === '' ? names.context : before.current;
  expect(after.current).toBe(expected);
}

/** Every file of a folder with its bytes. */
const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

let runs = 0;
/** kubectl's HOME: outside the folders compared byte for byte. */
const home = mkdtempSync(join(tmpdir(), 'scp-ske-property-home-'));

async function property(test: Case): Promise<void> {
  const run = runs++;
  const dir = mkdtempSync(join(tmpdir(), 'scp-ske-property-'));
  try {
    const paths = test.files.map((_, index) => join(dir, `config-${index}`));
    const texts = test.files.map(render);
    texts.forEach((text, index) => {
      if (text !== undefined) writeFileSync(paths[index] as string, text, { mode: 0o600 });
    });
    const server = serverFor(test.clusterId, test.type);
    const names = entryNames(
      { clusterName: test.clusterName, clusterId: test.clusterId, kubeconfigType: test.type, admin: test.admin },
      { context: test.context, cluster: test.clusterAlias, user: test.userAlias },
    );
    const incoming = renameIncoming(
      {
        cluster: { name: test.clusterName, body: { server, 'certificate-authority-data': CA } },
        user: { name: 'ske-user', body: { token: test.token } },
        context: { name: test.clusterName, body: { cluster: test.clusterName, user: 'ske-user' } },
      },
      names,
    );
    const twiceNamed = test.files.some(
      (file) => file.kind === 'config' && file.twiceNamed && SECTIONS.some((section) => file[section].length > 0),
    );
    const duplicateKeys = test.files.some((file) => file.kind === 'config' && file.ignoredBlock);
    const useKubectl = duplicateKeys || run % 10 === 0;
    const before = duplicateKeys || twiceNamed ? undefined : clientNodeView(paths, texts);
    const kubectlBefore = useKubectl && !twiceNamed ? fromKubectl(await kubectlViewAsync(paths, home)) : undefined;
    const reference = (kubectlBefore ?? before) as View | undefined;
    const options = { setCurrent: test.setCurrent, overwrite: test.overwrite };
    const start = snapshot(dir);

    const attempt = (dryRun: boolean) =>
      mergeIntoKubeconfig(paths, incoming, { ...options, dryRun }).then(
        (report) => ({ report, error: undefined }),
        (error: unknown) => ({ report: undefined, error }),
      );
    const dry = test.dryRunFirst ? await attempt(true) : undefined;
    if (dry) expect(snapshot(dir)).toEqual(start);
    const { report, error } = await attempt(false);
    if (dry) {
      expect(dry.error?.constructor).toBe(error?.constructor);
      expect(dry.report?.changes).toEqual(report?.changes);
    }

    if (twiceNamed) {
      expect(error).toBeInstanceOf(KubeconfigFileError);
      expect((error as Error).message).toMatch(/which kubectl refuses/);
    }
    if (error) {
      if (!twiceNamed) expect(error).toBeInstanceOf(KubeconfigConflictError);
      expect(snapshot(dir)).toEqual(start);
      if (reference && !twiceNamed) expect(expectedConflict(reference, names, server, test.token)).toBe(true);
      return;
    }
    const done = report as MergeReport;
    if (reference && !test.overwrite) expect(expectedConflict(reference, names, server, test.token)).toBe(false);
    const written = new Set(done.files.map((file) => file.path));
    const left = snapshot(dir);
    expect(Object.keys(left).filter((name) => /\.(lock|takeover|tmp)$/.test(name))).toEqual([]);
    paths.forEach((path, index) => {
      const name = `config-${index}`;
      if (!written.has(path)) expect(left[name]).toBe(start[name]);
      else if (texts[index] !== undefined) expect(left[`${name}.bak.1`]).toBe(texts[index]);
    });
    const afterTexts = paths.map((_, index) => left[`config-${index}`]);
    if (!duplicateKeys) {
      const after = clientNodeView(paths, afterTexts);
      checkUnchangedExcept(before as View, after, names);
      checkMerged(after, before as View, names, test, server);
      checkPlacement(paths, texts, afterTexts, names);
    }
    if (kubectlBefore) {
      const after = fromKubectl(await kubectlViewAsync(paths, home));
      checkUnchangedExcept(kubectlBefore, after, names);
      checkMerged(after, kubectlBefore, names, test, server);
    }
    // The same merge again changes nothing.
    const again = await mergeIntoKubeconfig(paths, incoming, options);
    expect(again.changed).toBe(false);
    expect(snapshot(dir)).toEqual(left);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('kubeconfig merge, property-based', () => {
  it(`keeps every other entry's meaning and changes the current context only as allowed (${NUM_RUNS} cases)`, async () => {
    await fc.assert(fc.asyncProperty(CASE, property), { numRuns: NUM_RUNS });
    expect(runs).toBeGreaterThanOrEqual(NUM_RUNS);
  }, 1_800_000);
});
