/**
 * Shape of the lifecycle manifest written by the bundle step: `manifest` (this package's typed
 * export) and `versions.json`, which adds each bundled document's sha256 (`VersionsFile`).
 */

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
  /**
   * Package-relative paths of the documents of this version: the bundled form as JSON and YAML, the
   * dereferenced form as JSON only.
   */
  readonly files: {
    readonly bundled: { readonly [X in DocumentFormat]: string };
    readonly dereferenced: { readonly json: string };
  };
}

export interface Manifest {
  readonly service: string;
  /** The version the service answers when no `Scp-Api-Version` header is sent. */
  readonly current: string;
  readonly versions: readonly VersionEntry[];
}

/** `versions.json`: the manifest, each version with the sha256 (hex) of its bundled JSON document. */
export interface VersionsFile extends Omit<Manifest, 'versions'> {
  readonly versions: readonly (VersionEntry & { readonly sha256: string })[];
}
