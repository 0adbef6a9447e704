/**
 * The kubeconfig SKE returned, checked before it is written or printed: no character YAML does not
 * allow raw (found with its line, never quoted), no secret key; and the entries a merge writes hold no
 * control character anywhere, escaped or not.
 */
import { describe, expect, it } from 'vitest';
import { checkEntries, checkKubeconfigText } from './kubeconfig-check.js';
import { UnsafeKubeconfigError } from './kubeconfig-errors.js';

const TEXT = 'apiVersion: v1\nkind: Config\nclusters: []\n';

const failure = (action: () => void) => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeKubeconfigError);
    return { rule: (error as UnsafeKubeconfigError).rule, message: (error as Error).message };
  }
  return undefined;
};

describe('checkKubeconfigText', () => {
  it('accepts a kubeconfig with tabs, CRLF line ends, a leading byte order mark and any printable text', () => {
    expect(failure(() => checkKubeconfigText(`\ufeff${TEXT.replace(/\n/g, '\r\n')}x:\t"\\e[31m é 한"\n`, []))).toBe(
      undefined,
    );
  });

  it('refuses ESC on line 4, naming the character and the line, never quoting the text', () => {
    const found = failure(() => checkKubeconfigText(`${TEXT}name: a\u001b[31mred\n`, []));
    expect(found).toEqual({
      rule: 'characters',
      message:
        'refused the kubeconfig SKE returned: it holds a control character (U+001B) on line 4, which YAML does ' +
        'not allow; nothing was written',
    });
  });

  it('counts lines ended by CRLF, CR or LF alike', () => {
    expect(failure(() => checkKubeconfigText('a\r\nb\rc\nd\u0007', []))?.message).toContain('(U+0007) on line 4');
    expect(failure(() => checkKubeconfigText('\u0007', []))?.message).toContain('on line 1');
  });

  it.each([[0x00], [0x08], [0x0b], [0x0c], [0x0e], [0x1f], [0x7f], [0x85], [0x9f], [0x202e], [0x2066], [0xfffe]])(
    'refuses U+%s',
    (code) => {
      expect(failure(() => checkKubeconfigText(`a${String.fromCharCode(code)}`, []))?.rule).toBe('characters');
    },
  );

  it('refuses a byte order mark after the start', () => {
    expect(failure(() => checkKubeconfigText(`${TEXT}\ufeff`, []))?.message).toContain('(U+FEFF) on line 4');
  });

  it('refuses a kubeconfig that holds a secret key, never quoting it', () => {
    const found = failure(() => checkKubeconfigText(`${TEXT}token: s3cret-key\n`, ['', 's3cret-key']));
    expect(found).toEqual({
      rule: 'secret',
      message: 'refused the kubeconfig SKE returned: it holds your SCP secret key; nothing was written',
    });
    expect(failure(() => checkKubeconfigText(TEXT, ['', 'absent']))).toBeUndefined();
  });
});

describe('checkEntries', () => {
  const entries = () => ({
    cluster: { name: 'demo', body: { server: 'https://x:6443', 'certificate-authority-data': 'QUJD' } as object },
    user: { name: 'demo-user', body: { token: 't', exec: { args: ['a\tb', 'multi\nline\r\n'] } } as object },
    context: { name: 'demo', body: { cluster: 'demo', user: 'demo-user', namespace: null } as object },
  });

  it('accepts entries whose strings hold tabs and line breaks at most', () => {
    expect(failure(() => checkEntries(entries()))).toBeUndefined();
  });

  it.each([
    [
      'a name',
      (e: ReturnType<typeof entries>) => ({ ...e, context: { ...e.context, name: 'x\u001b[31m' } }),
      "the context's name",
    ],
    [
      'a value',
      (e: ReturnType<typeof entries>) => ({ ...e, cluster: { ...e.cluster, body: { server: 'https://x\u009b' } } }),
      'cluster.server',
    ],
    [
      'an item',
      (e: ReturnType<typeof entries>) => ({ ...e, user: { ...e.user, body: { exec: { args: ['ok', '\u202e'] } } } }),
      'user.exec.args[1]',
    ],
    [
      'a key',
      (e: ReturnType<typeof entries>) => ({ ...e, user: { ...e.user, body: { 'to\u0007ken': 't' } } }),
      'user (a key)',
    ],
    [
      'a key, deeper',
      (e: ReturnType<typeof entries>) => ({ ...e, user: { ...e.user, body: { exec: { 'a\u0000': 1 } } } }),
      'user.exec (a key)',
    ],
  ])('refuses a control character in %s, naming where', (_name, change, where) => {
    expect(failure(() => checkEntries(change(entries())))?.message).toMatch(
      new RegExp(
        `^refused the kubeconfig SKE returned: it holds a control character \\(U\\+[0-9A-F]{4}\\) in ${where.replace(/[.()[\]]/g, '\\$&')}; nothing was written$`,
      ),
    );
  });

  it('names a key holding one before anything under it, so that the path it names holds none', () => {
    const bad = { ...entries(), cluster: { name: 'demo', body: { extensions: { 'k\u001b': { v: '\u0001' } } } } };
    expect(failure(() => checkEntries(bad))?.message).toContain('in cluster.extensions (a key)');
    const deep = { ...entries(), cluster: { name: 'demo', body: { 'e\u202e': 'x' } } };
    expect(failure(() => checkEntries(deep))?.message).toContain('(U+202E) in cluster (a key)');
    const inPath = { ...entries(), cluster: { name: 'demo', body: { 'k\u001b': { v: 'x\u0002' } } } };
    expect(failure(() => checkEntries(inPath))?.message).toContain('(U+001B) in cluster (a key)');
  });
});
