/**
 * Which kubeconfig files a merge reads and writes, by kubectl's rules (`kubectl config --help`):
 * `--kubeconfig PATH` alone when given; else every path of `$KUBECONFIG` (empty ones dropped,
 * duplicates once, in order); else `~/.kube/config`. In a list, a value is modified in the file that
 * defines it, and a new one goes to the first file that exists, or, when none exists, to the last
 * one, created.
 */
import { delimiter, join, resolve } from 'node:path';
import type { Environment } from './connection.js';
import { UsageError } from './usage.js';

export interface KubeconfigPaths {
  /** Absolute paths, in kubectl's order of precedence. */
  paths: string[];
  /** Where they came from, for messages. */
  source: '--kubeconfig' | 'KUBECONFIG' | 'default';
}

/** The files of a merge: `--kubeconfig` (an empty value is a usage error), `$KUBECONFIG`, `~/.kube/config`. */
export function kubeconfigPaths(flag: string | undefined, io: Pick<Environment, 'env' | 'homeDir'>): KubeconfigPaths {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new UsageError('--kubeconfig: expected the path of a kubeconfig file, received ""');
    return { paths: [resolve(flag)], source: '--kubeconfig' };
  }
  const listed = (io.env.KUBECONFIG ?? '').split(delimiter).filter((path) => path !== '');
  if (listed.length > 0) return { paths: [...new Set(listed.map((path) => resolve(path)))], source: 'KUBECONFIG' };
  return { paths: [resolve(join(io.homeDir, '.kube', 'config'))], source: 'default' };
}

/** kubectl's file for a new value: the first that exists, else the last one (to be created). */
export function fileForNewValues<T>(files: T[], exists: (file: T) => boolean): T {
  const file = files.find(exists) ?? files.at(-1);
  if (file === undefined) throw new Error('no kubeconfig path');
  return file;
}
