/**
 * Lifecycle judgement shared by the clients, the emulator, the CLI and the compatibility app:
 * is a version served on a given day, and does its use deserve a warning.
 *
 * SCP's rule: "Deprecated versions with Not Before dates that have arrived or expired are no longer
 * supported." Dates are compared as UTC calendar days (SCP does not say which time zone it uses).
 */
import type { Manifest, VersionEntry } from './manifest-types.js';

export type LifecycleVerdict =
  /** CURRENT, or SUPPORTED/DEPRECATED before its Not Before date with nothing to say. */
  | { readonly kind: 'ok' }
  /** Served, but the caller should move: DEPRECATED before its date, or SUPPORTED past its date. */
  | { readonly kind: 'warn'; readonly reason: 'deprecated' | 'past-not-before' }
  /** Not served: DEPRECATED on or after its Not Before date, or PLANNED. */
  | { readonly kind: 'retired'; readonly reason: 'past-not-before' | 'planned' };

/** `YYYY-MM-DD` of a date in UTC. */
export function utcDay(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new TypeError('lifecycle: the date to judge at is not a valid Date');
  return at.toISOString().slice(0, 10);
}

export function judgeLifecycle(entry: Pick<VersionEntry, 'state' | 'notBefore'>, at: Date): LifecycleVerdict {
  const arrived = entry.notBefore !== null && utcDay(at) >= entry.notBefore;
  switch (entry.state) {
    case 'CURRENT':
      return { kind: 'ok' };
    case 'PLANNED':
      return { kind: 'retired', reason: 'planned' };
    case 'DEPRECATED':
      return arrived ? { kind: 'retired', reason: 'past-not-before' } : { kind: 'warn', reason: 'deprecated' };
    case 'SUPPORTED':
      return arrived ? { kind: 'warn', reason: 'past-not-before' } : { kind: 'ok' };
  }
}

/** Whether the service still answers this version on that day. */
export function isServed(entry: Pick<VersionEntry, 'state' | 'notBefore'>, at: Date): boolean {
  return judgeLifecycle(entry, at).kind !== 'retired';
}

/** The manifest entry of a version (`1.3`) or header value (`ske 1.3`), or undefined. */
export function findVersion<M extends Manifest>(manifest: M, version: string): M['versions'][number] | undefined {
  return manifest.versions.find((entry) => entry.version === version || entry.apiVersion === version);
}
