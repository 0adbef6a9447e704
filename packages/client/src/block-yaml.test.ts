import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseBlockYaml } from './block-yaml.js';

/** Kubeconfigs in the shapes kubectl, cloud CLIs and hand edits produce; `yaml` is the oracle. */
const samples: Record<string, string> = {
  'kubectl style (sequences at the parent indent)': `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==
    server: https://10.0.0.1:6443
  name: prod
contexts:
- context:
    cluster: prod
    namespace: default
    user: admin
  name: prod-admin
current-context: prod-admin
kind: Config
preferences: {}
users:
- name: admin
  user:
    token: abc.def.ghi
`,
  'indented sequences, quotes, comments and a document marker': `---
# written by hand
apiVersion: "v1"
kind: 'Config'
clusters:
  - name: "it's"   # trailing comment
    cluster:
      server: 'https://example.com:6443/path#not-a-comment'
      insecure-skip-tls-verify: true
users:
  - name: u
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: scp-auth
        args:
          - token
          - --cluster=c
        env: []
contexts:
  - name: c
    context: { }
  - name: d
    context:
      cluster: c
      user: "u, v"   # a comma, a quote: "
      namespace: 'n''s'
  - name: e
    context: {cluster: c, user: "u, v", namespace: 'n'}
current-context: c
tags: [a, 'b', "c d"]
extensions: []
`,
  'block scalars and null values': `apiVersion: v1
kind: Config
clusters:
- name: a
  cluster:
    server: https://a:6443
    certificate-authority-data: |
      line one
      line two
    description: >-
      folded
      text
users:
- name: b
  user: {}
contexts:
- name: c
  context:
    cluster: a
    user: b
    namespace: ~
current-context:
`,
  'long values and Windows line endings': [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: long',
    '  cluster:',
    `    certificate-authority-data: ${'LS0tQ0VSVA=='.repeat(400)}`,
    '    server: https://long.example.com:6443 # the API server',
    'users:',
    '- name: jwt',
    '  user:',
    `    token: eyJhbGciOiJSUzI1NiJ9.${'e30'.repeat(300)}.c2ln`,
    'contexts: # one',
    '- name: long',
    '  context:',
    '    cluster: long',
    '    user: jwt',
    '',
  ].join('\r\n'),
};

describe('parseBlockYaml', () => {
  it.each(Object.entries(samples))('reads %s as the yaml package does', (_name, text) => {
    const normalize = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'boolean' || typeof v === 'number' ? String(v) : v)));
    expect(parseBlockYaml(text)).toEqual(normalize(parse(text)));
  });

  it('reads a JSON document', () => {
    expect(parseBlockYaml('{"apiVersion":"v1","kind":"Config"}')).toEqual({ apiVersion: 'v1', kind: 'Config' });
  });

  it.each([
    ['an anchor', 'a: &x 1\nb: *x\n', /line 1: unsupported YAML construct "&"/],
    ['a tag', 'a: !!str 1\n', /line 1: unsupported YAML construct "!"/],
    ['a nested flow collection', 'a: [1, [2]]\n', /line 1: unsupported YAML construct "\[" with nested/],
    ['a flow mapping over two lines', 'a: {b: 1,\n  c: 2}\n', /line 1: unsupported YAML construct "\{" spanning lines/],
    ['text after a quoted scalar', 'a: "x" y\n', /line 1: unterminated or multi-line quoted string/],
    ['a multi-line plain scalar', 'a: one\n  two\n', /line 2: unexpected indentation/],
    ['two documents', 'a: 1\n---\nb: 2\n', /line 2: more than one document/],
    ['a duplicate key', 'a: 1\na: 2\n', /line 2: duplicate key "a"/],
    ['tab indentation', 'a:\n\tb: 1\n', /line 2: tab indentation/],
    ['an unterminated quote', 'a: "open\n', /line 1: unterminated/],
    ['a bare word', 'just words\n', /line 1: expected "key: value"/],
  ])('refuses %s with its line number', (_name, text, message) => {
    expect(() => parseBlockYaml(text)).toThrow(message);
  });
});
