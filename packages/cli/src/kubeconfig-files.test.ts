/** Which files a merge uses: --kubeconfig alone, else $KUBECONFIG (kubectl's list rules), else ~/.kube/config. */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileForNewValues, kubeconfigPaths } from './kubeconfig-files.js';
import { UsageError } from './usage.js';

const io = (KUBECONFIG?: string) => ({ env: KUBECONFIG === undefined ? {} : { KUBECONFIG }, homeDir: '/home/me' });

describe('kubeconfigPaths', () => {
  it('takes --kubeconfig alone, refusing an empty value', () => {
    expect(kubeconfigPaths('k.yaml', io('/a:/b'))).toEqual({ paths: [resolve('k.yaml')], source: '--kubeconfig' });
    expect(() => kubeconfigPaths('', io())).toThrow(UsageError);
    expect(() => kubeconfigPaths('  ', io())).toThrow('--kubeconfig: expected the path of a kubeconfig file');
  });

  it('reads $KUBECONFIG as kubectl does: empty entries dropped, each path once, in order', () => {
    expect(kubeconfigPaths(undefined, io('/b::/a:/b:rel')).paths).toEqual(['/b', '/a', resolve('rel')]);
    expect(kubeconfigPaths(undefined, io(':')).paths).toEqual([join('/home/me', '.kube', 'config')]);
    expect(kubeconfigPaths(undefined, io()).source).toBe('default');
  });
});

describe('fileForNewValues', () => {
  it('is the first file that exists, else the last one', () => {
    expect(fileForNewValues(['a', 'b', 'c'], (file) => file !== 'a')).toBe('b');
    expect(fileForNewValues(['a', 'b', 'c'], () => false)).toBe('c');
  });
});
