/**
 * The client reads every kubeconfig kubectl reads: a corpus of valid kubeconfigs (anchors and merge
 * keys, block scalars, flow style, comments, CRLF, a byte order mark, the JSON form, quoting and tags),
 * each read by the real kubectl and by `readKubeconfig`, which must agree on the server of the current
 * context, the current context and the context names. And what is not a kubeconfig is refused.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KubeconfigFormatError, readKubeconfig } from './kubeconfig.js';

const corpus = fileURLToPath(new URL('./kubeconfig-corpus/', import.meta.url));
const files = readdirSync(corpus).sort();

/** What kubectl (installed by scripts/install-test-tools.sh) reads from a file. */
function kubectlView(file: string) {
  const kubectl = (...args: string[]) =>
    execFileSync('kubectl', ['config', ...args, '--kubeconfig', file], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH },
    });
  const [server, currentContext] = kubectl(
    'view',
    '--minify',
    '-o',
    'jsonpath={.clusters[0].cluster.server}|{.current-context}',
  ).split('|');
  const contexts = kubectl('get-contexts', '-o', 'name').split('\n').filter(Boolean);
  return { server, currentContext, contexts: contexts.sort() };
}

describe('readKubeconfig agrees with kubectl on every kubeconfig of the corpus', () => {
  it('has a corpus of every kubeconfig form kubectl accepts or refuses', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'anchors-and-merge-keys.yaml',
        'block-scalars.yaml',
        'bom.yaml',
        'comments.yaml',
        'crlf.yaml',
        'flow-style.yaml',
        'json-form.yaml',
      ]),
    );
  });

  it.each(files)('%s', async (name) => {
    const file = join(corpus, name);
    const summary = await readKubeconfig(readFileSync(file, 'utf8'));
    const kubectl = kubectlView(file);
    expect({ ...summary, contexts: [...summary.contexts].sort() }).toEqual(kubectl);
  });
});

const HEAD = 'apiVersion: v1\nkind: Config\n';
const CLUSTERS = 'clusters: [{name: c, cluster: {server: "https://c"}}]\n';
const REST = 'users: [{name: u, user: {token: hunter2}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n';

describe('the server readKubeconfig reports', () => {
  const clusters =
    'clusters:\n- {name: one, cluster: {server: "https://one"}}\n- {name: two, cluster: {server: "http://two:8080"}}\n';
  const contexts = 'contexts:\n- {name: a, context: {cluster: one}}\n- {name: b, context: {cluster: two}}\n';
  const users = 'users: [{name: u, user: {}}]\n';

  it.each([
    [
      'the current context’s cluster, among several',
      'current-context: b\n',
      { server: 'http://two:8080', currentContext: 'b' },
    ],
    ['the first cluster, without a current context', '', { server: 'https://one', currentContext: undefined }],
    [
      'the first cluster, for a current context that is not a string',
      'current-context: [b]\n',
      { server: 'https://one', currentContext: undefined },
    ],
    [
      'the first cluster, for a current context that names no context',
      'current-context: z\n',
      { server: 'https://one', currentContext: 'z' },
    ],
  ])('is %s', async (_name, current, expected) => {
    const summary = await readKubeconfig(`${HEAD}${clusters}${users}${contexts}${current}`);
    expect(summary).toEqual({ ...expected, contexts: ['a', 'b'] });
  });
});

describe('what is not a kubeconfig is refused, saying why and never quoting it', () => {
  it.each([
    [
      'a YAML syntax error',
      'apiVersion: v1\nkind: [Config\ntoken: hunter2',
      /^not readable YAML \(line \d+, column \d+\)$/,
    ],
    ['an alias to no anchor', 'apiVersion: v1\nkind: Config\nusers: *hunter2\n', /^not readable YAML/],
    ['a list', '- hunter2\n', 'the document is not a YAML mapping'],
    ['a comments-only file', '# hunter2\n', 'the document is not a YAML mapping'],
    ['another apiVersion', 'apiVersion: v2\nkind: Config\n', '"apiVersion" is not "v1"'],
    ['another kind', 'apiVersion: v1\nkind: Secret\ndata: hunter2\n', '"kind" is not "Config"'],
    [
      'a cluster without a server',
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {}}]\nusers: [{name: u, user: {token: hunter2}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\n',
      'cluster "c" has no http(s) "server"',
    ],
    [
      'a cluster that is not a mapping',
      `${HEAD}clusters: [c]\n${REST}`,
      'clusters[0] needs a "name" and a "cluster" mapping',
    ],
    [
      'a cluster whose name is a number',
      `${HEAD}clusters: [{name: 5, cluster: {server: "https://c"}}]\n${REST}`,
      'clusters[0] needs a "name" and a "cluster" mapping',
    ],
    [
      'a cluster whose name is empty',
      `${HEAD}clusters: [{name: "", cluster: {server: "https://c"}}]\n${REST}`,
      'clusters[0] needs a "name" and a "cluster" mapping',
    ],
    [
      'a second user without its mapping',
      `${HEAD}${CLUSTERS}users: [{name: u, user: {}}, {name: v, user: hunter2}]\ncontexts: [{name: x, context: {cluster: c}}]\n`,
      'users[1] needs a "name" and a "user" mapping',
    ],
    [
      'no users',
      `${HEAD}${CLUSTERS}users: []\ncontexts: [{name: x, context: {cluster: c}}]\n`,
      '"users" is missing or empty',
    ],
    [
      'a server that is a list',
      `${HEAD}clusters: [{name: c, cluster: {server: ["https://c"]}}]\n${REST}`,
      'cluster "c" has no http(s) "server"',
    ],
    [
      'a server of another scheme',
      `${HEAD}clusters: [{name: c, cluster: {server: "ftp://c"}}]\n${REST}`,
      'cluster "c" has no http(s) "server"',
    ],
    [
      'a server with https:// inside',
      `${HEAD}clusters: [{name: c, cluster: {server: "xhttps://c"}}]\n${REST}`,
      'cluster "c" has no http(s) "server"',
    ],
    [
      'a context without its mapping',
      'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://c"}}]\nusers: [{name: u, user: {token: hunter2}}]\ncontexts: [{name: x}]\n',
      'contexts[0] needs a "name" and a "context" mapping',
    ],
  ])('%s', async (_name, text, reason) => {
    const error = await readKubeconfig(text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KubeconfigFormatError);
    expect(error).toMatchObject({ code: 'ERR_SKE_KUBECONFIG_FORMAT' });
    if (typeof reason === 'string') expect((error as KubeconfigFormatError).reason).toBe(reason);
    else expect((error as KubeconfigFormatError).reason).toMatch(reason);
    expect((error as Error).message).not.toContain('hunter2');
  });
});
