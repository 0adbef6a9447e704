/**
 * What a generated client package knows of its API version, written by the generator from the
 * bundled spec (never by hand): lifecycle, and server template. (Its operations are the separate operation table.)
 */
import type { LifecycleState } from '@scp-ske/spec';

/** @internal For the generated `@scp-ske/client-1.x` packages and the scp-ske tools; not a stable API. */
export interface VersionContract {
  readonly service: string;
  /** major.minor, e.g. `1.3`. */
  readonly version: string;
  /** The `Scp-Api-Version` value, e.g. `ske 1.3`. */
  readonly apiVersion: string;
  readonly state: LifecycleState;
  readonly notBefore: string | null;
  /** The CURRENT version when this package was generated: the one to move to. */
  readonly current: { readonly version: string; readonly apiVersion: string; readonly package: string };
  readonly server: {
    /** e.g. `https://ske.{region}.{environment}.samsungsdscloud.com`. */
    readonly url: string;
    /** Regions of each environment. */
    readonly regions: { readonly [environment: string]: readonly string[] };
  };
}
