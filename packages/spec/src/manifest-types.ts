/** Shape of the lifecycle manifest (`versions.json`) written by the bundle step. */

/** SCP's lifecycle states. PLANNED versions are documented but not callable. */
export type LifecycleState = 'CURRENT' | 'SUPPORTED' | 'DEPRECATED' | 'PLANNED';

export type DocumentForm = 'bundled' | 'dereferenced';
export type DocumentFormat = 'json' | 'yaml';

export interface VersionEntry {
  /** major.minor, e.g. `1.3`. */
  readonly version: string;
  /** The `Scp-Api-Version` header value, e.g. `ske 1.3`. */
  readonly apiVersion: string;
  readonly state: LifecycleState;
  /** `YYYY-MM-DD`: the date until which support is guaranteed; null for the CURRENT version. */
  readonly notBefore: string | null;
  /** Package-relative paths of the documents of this version. */
  readonly files: { readonly [F in DocumentForm]: { readonly [X in DocumentFormat]: string } };
  /** sha256 (hex) of the bundled JSON document. */
  readonly sha256: string;
}

export interface Manifest {
  readonly service: string;
  /** The version the service answers when no `Scp-Api-Version` header is sent. */
  readonly current: string;
  readonly versions: readonly VersionEntry[];
}
