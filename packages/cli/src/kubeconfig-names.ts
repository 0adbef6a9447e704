/**
 * The names a merge gives the cluster, user and context entries, so that the private and the public
 * kubeconfig of a cluster, its user and its admin kubeconfig, and two clusters of one name (in two
 * regions or accounts) all sit side by side: `<cluster>-<type>-<id8>`, where `<cluster>` is the
 * cluster's name as SKE's kubeconfig gives it, `<type>` is `private` or `public` and `<id8>` the first
 * 8 hex digits of the cluster id; the user and context of an admin kubeconfig end in `-admin`.
 * `--context`, `--cluster-alias` and `--user-alias` choose other names.
 */
import { UsageError } from './usage.js';

export interface EntryNames {
  cluster: string;
  user: string;
  context: string;
}

export interface NameSource {
  /** The cluster's name (SKE's kubeconfig names its cluster entry after it). */
  clusterName: string;
  /** 32 hex digits. */
  clusterId: string;
  kubeconfigType: string;
  admin: boolean;
}

export interface NameOverrides {
  context?: string | undefined;
  cluster?: string | undefined;
  user?: string | undefined;
}

/** Names of letters, digits and `. _ - @ : /` (what the flags accept). */
const NAME = /^[\w.@:/-]{1,253}$/;

export function checkEntryName(value: string | undefined, flag: string): void {
  if (value !== undefined && !NAME.test(value)) {
    throw new UsageError(`${flag}: expected a name of letters, digits and . _ - @ : / (at most 253)`);
  }
}

/** The default names, with the overrides the flags gave. */
export function entryNames(source: NameSource, overrides: NameOverrides = {}): EntryNames {
  const base = `${source.clusterName}-${source.kubeconfigType}-${source.clusterId.slice(0, 8)}`;
  const identity = source.admin ? `${base}-admin` : base;
  return {
    cluster: overrides.cluster ?? base,
    user: overrides.user ?? identity,
    context: overrides.context ?? identity,
  };
}
