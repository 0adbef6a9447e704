/**
 * `readSimpleBlockYaml` answers exactly what the `yaml` library (YAML 1.1, as the kubeconfig check
 * reads) answers, or `undefined`: for generated documents in every layout the library writes, for the
 * same documents with random edits (comments, anchors, quotes, tabs, lines moved), and it does answer
 * for the plain form a kubeconfig comes in, so the fast path is really taken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readSimpleBlockYaml } from './simple-yaml.js';

const library = (text: string) => parse(text, { version: '1.1', uniqueKeys: false, maxAliasCount: 1000 });

/** The library's answer, or `undefined` when it refuses the text. */
function libraryOrUndefined(text: string): unknown {
  try {
    return library(text);
  } catch {
    return undefined;
  }
}

const SKE_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
  - name: demo-cluster
    cluster:
      server: https://70a599e031e749b7b260868f441e862b.ske.private.kr-west1.samsungsdscloud.com:6443
      certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1J+/=
users:
  - name: demo-cluster-user
    user:
      token: ske-7d5271fdf0df3d812ab28a37a0311f4f584f7497f2910a02
contexts:
  - name: demo-cluster
    context:
      cluster: demo-cluster
      user: demo-cluster-user
current-context: demo-cluster
preferences: {}
`;

/** `kubectl config view --raw` lays sequences out at the key's own column. */
const KUBECTL_LAYOUT = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0t
    server: https://127.0.0.1:6443
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    namespace: web
    user: kind-kind
  name: kind-kind
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: LS0t
    exec: {}
    extensions: []
`;

/** Plain words, and scalars YAML 1.1 reads otherwise or that need quotes or another layout. */
const SCALARS = [
  'v1',
  'Config',
  'demo-cluster',
  'https://h.example:6443/path',
  'LS0t+/=',
  '/var/run/token',
  'a.b_c~d@e%f',
  'y',
  'N',
  'yes',
  'No',
  'on',
  'OFF',
  'true',
  'Null',
  '~',
  '',
  ' ',
  '123',
  '0x1F',
  '012',
  '1:20',
  '1_000',
  '.inf',
  '-x',
  'a b',
  'a: b',
  'a #b',
  'a:',
  'é',
  '2001-12-14',
  '*ref',
  '&anchor',
  '!tag',
  '"q"',
  "'q'",
  '[a]',
  '{a: 1}',
  '|',
  '>',
  '<<',
  '=',
];
const KEYS = ['name', 'cluster', 'server', 'user', 'a-b', 'a.b', 'yes', 'on', '1', '<<', 'k y', '__proto__'];

type Tree = string | Tree[] | { [key: string]: Tree };
const tree = fc.letrec<{ node: Tree; map: { [key: string]: Tree } }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...SCALARS),
    tie('map'),
    fc.array(tie('map'), { maxLength: 3 }),
  ),
  map: fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 4 }),
})).map;
const layout = fc.record({ indent: fc.integer({ min: 1, max: 4 }), indentSeq: fc.boolean() });

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'duplicate' | 'delete' | 'indent'; at: number };

/** Random edits of a document's text: a character inserted, a line duplicated, deleted or re-indented. */
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('#', ' #c', '&a ', '*a', '"', "'", '\t', '\r', '- ', ' ', '\n', ':', '{', '|', '!'),
  }),
  fc.record({ kind: fc.constantFrom('duplicate' as const, 'delete' as const, 'indent' as const), at: fc.nat() }),
);

function applyEdit(text: string, change: Edit): string {
  if (change.kind === 'insert') {
    const at = change.at % (text.length + 1);
    return text.slice(0, at) + change.text + text.slice(at);
  }
  const lines = text.split('\n');
  const at = change.at % lines.length;
  if (change.kind === 'duplicate') lines.splice(at, 0, lines[at] as string);
  else if (change.kind === 'delete') lines.splice(at, 1);
  else lines[at] = ` ${lines[at]}`;
  return lines.join('\n');
}

describe('readSimpleBlockYaml', () => {
  it('reads an SKE kubeconfig and kubectl’s own layout, as the library does', () => {
    for (const text of [SKE_KUBECONFIG, KUBECTL_LAYOUT]) {
      const value = readSimpleBlockYaml(text);
      expect(value).toBeDefined();
      expect(value).toEqual(library(text));
    }
  });

  it('leaves what is outside the plain form to the library', () => {
    for (const text of [
      `\uFEFF${SKE_KUBECONFIG}`,
      SKE_KUBECONFIG.replaceAll('\n', '\r\n'),
      `# comment\n${SKE_KUBECONFIG}`,
      `---\n${SKE_KUBECONFIG}`,
      SKE_KUBECONFIG.replace('demo-cluster\n', "'demo-cluster'\n"),
      SKE_KUBECONFIG.replace('kind: Config', 'kind: Config\nkind: Config'),
      SKE_KUBECONFIG.replace('preferences: {}', 'preferences:'),
      SKE_KUBECONFIG.replace('current-context: demo-cluster', 'current-context: yes'),
      SKE_KUBECONFIG.replace('current-context: demo-cluster', 'current-context: 2024'),
      '- a: b\n',
      '',
    ]) {
      expect(readSimpleBlockYaml(text)).toBeUndefined();
    }
  });

  it.each([
    ['words that only begin or end like a YAML 1.1 boolean', 'user: nobody-admin\nname: yes-man\nmode: Python\n'],
    ['one-letter keys and words', 'a: b\nc:\n  d: e\n'],
    ['an entry with more than one space after its dash', 'items:\n-   name: a\n    value: b\n- name: c\n'],
    ['a word with every character a plain word may hold', 'k: /a_b.c/d:e=f+g@h%i~j-1\n'],
  ])('answers for %s, as the library does', (_name, text) => {
    const value = readSimpleBlockYaml(text);
    expect(value).toBeDefined();
    expect(value).toEqual(library(text));
  });

  const BOOLEANS_AND_NULLS =
    'y Y n N yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL';
  it.each(BOOLEANS_AND_NULLS.split(' '))('leaves %s, as a value or a key, to the library', (word) => {
    expect(readSimpleBlockYaml(`k: ${word}\n`)).toBeUndefined();
    expect(readSimpleBlockYaml(`${word}: k\n`)).toBeUndefined();
  });

  it.each([
    ['a value that ends with a colon', 'k: a:\n'],
    ['a value with a comment after it', 'k: a #c\n'],
    ['a key after an indicator', '@x: b\n'],
    ['a key with a colon and no space', 'a:b\n'],
    ['a key starting with a digit', '1a: b\n'],
    ['the key __proto__', '__proto__: b\n'],
    ['a key with nothing under it at the end', 'a: b\nc:\n'],
    ['an entry left of the key it belongs to', 'x:\n   a:\n  - b: c\n'],
    ['a document of blank lines', '\n  \n'],
  ])('leaves %s to the library', (_name, text) => {
    expect(readSimpleBlockYaml(text)).toBeUndefined();
  });

  it('answers what the library answers, or nothing, for any document the library writes', () => {
    fc.assert(
      fc.property(tree, layout, (document, options) => {
        const text = stringify(document, { ...options, version: '1.1' });
        const value = readSimpleBlockYaml(text);
        if (value !== undefined) expect(value).toEqual(library(text));
      }),
      { numRuns: 400 },
    );
  });

  it('takes the fast path for every document of plain words and unique keys', () => {
    const word = fc.constantFrom('v1', 'demo-cluster', 'https://h.example:6443', 'LS0t+/=', 'a.b_c');
    const plain = fc.letrec<{ map: { [key: string]: Tree } }>((tie) => ({
      map: fc.dictionary(
        fc.constantFrom('name', 'cluster', 'server', 'user', 'a-b'),
        fc.oneof({ depthSize: 'small' }, word, tie('map'), fc.array(tie('map'), { minLength: 1, maxLength: 3 })),
        { minKeys: 1, maxKeys: 4 },
      ),
    })).map;
    fc.assert(
      fc.property(plain, layout, (document, options) => {
        const text = stringify(document, options);
        expect(readSimpleBlockYaml(text)).toEqual(library(text));
      }),
      { numRuns: 300 },
    );
  });

  it('never answers otherwise than the library for an edited document, and never accepts what it refuses', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(SKE_KUBECONFIG, KUBECTL_LAYOUT),
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        (text, edits) => {
          const edited = edits.reduce(applyEdit, text);
          const value = readSimpleBlockYaml(edited);
          if (value !== undefined) expect(value).toEqual(libraryOrUndefined(edited));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
