/**
 * One kubeconfig file read as kubectl reads it, and edited without changing what the edit does not
 * name: duplicate keys (the last wins), aliases into a replaced entry, comments-only files, and
 * what kubectl refuses.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KubeconfigDocument } from './kubeconfig-document.js';
import { KubeconfigFileError } from './kubeconfig-errors.js';

const read = (text: string) => parse(text, { version: '1.1', uniqueKeys: false });

describe('KubeconfigDocument', () => {
  it('reads the last of duplicate keys, and edits that one', () => {
    const text = 'current-context: first\nusers:\n- name: ignored\ncurrent-context: second\nusers: []\n';
    const document = KubeconfigDocument.open(text, 'f');
    expect(document.currentContext()).toBe('second');
    expect(document.entries('users')).toEqual([]);
    document.add('users', { name: 'u', user: { token: 't' } });
    document.setCurrentContext('third');
    const written = document.toString();
    expect(written.startsWith('current-context: first\nusers:\n- name: ignored\n')).toBe(true);
    expect(read(written)).toMatchObject({ 'current-context': 'third', users: [{ name: 'u' }] });
  });

  it('replaces an entry whose anchors others alias with copies of what they pointed to', () => {
    const text = 'clusters:\n- name: a\n  cluster: &c {server: https://a}\n- name: b\n  cluster: *c\n';
    const document = KubeconfigDocument.open(text, 'f');
    document.replace('clusters', 0, { name: 'a', cluster: { server: 'https://new' } });
    expect(read(document.toString()).clusters).toEqual([
      { name: 'a', cluster: { server: 'https://new' } },
      { name: 'b', cluster: { server: 'https://a' } },
    ]);
  });

  it('takes an empty, null or comments-only file as an empty kubeconfig, keeping its comments', () => {
    for (const text of ['', '---\n', '~\n', '# just a note\n']) {
      const document = KubeconfigDocument.open(text, 'f');
      expect(document.entries('clusters')).toEqual([]);
      document.add('clusters', { name: 'c', cluster: { server: 'https://c' } });
      expect(read(document.toString())).toMatchObject({ kind: 'Config', clusters: [{ name: 'c' }] });
    }
    const commented = KubeconfigDocument.open('# just a note\n', 'f');
    commented.setCurrentContext('x');
    expect(commented.toString()).toMatch(/^# just a note\n/);
  });

  it('reads YAML 1.1 as kubectl does: merge keys resolved', () => {
    const text = 'base: &b {cluster: c}\ncontexts:\n- name: x\n  context:\n    <<: *b\n    user: u\n';
    expect(KubeconfigDocument.open(text, 'f').find('contexts', 'x')?.entry).toEqual({
      name: 'x',
      context: { cluster: 'c', user: 'u' },
    });
  });

  it.each([
    ['[1, 2]\n', /not a YAML mapping/],
    ['kind: Pod\n', /kind is "Pod", expected "Config"/],
    ['users: {}\n', /"users" is not a list/],
    ['users:\n- just a string\n', /users\[0\] is not a mapping/],
    ['users:\n- name: 5\n', /users\[0\]\.name is not a string/],
    ['users:\n- name: u\n- name: u\n', /two users are named "u", which kubectl refuses/],
    ['current-context: [a]\n', /"current-context" is not a string/],
    ['base: &b {users: []}\n<<: *b\n', /"users" comes from a YAML merge key/],
    ['a: 1\n---\nb: 2\n', /holds several YAML documents/],
    ['a: [1\n', /is not valid YAML/],
  ])('refuses %j', (text, message) => {
    expect(() => KubeconfigDocument.open(text, 'f')).toThrow(KubeconfigFileError);
    expect(() => KubeconfigDocument.open(text, 'f')).toThrow(message);
  });
});
