/**
 * Picks the API version of a request from `Scp-Api-Version` (`ske 1.3`): no header means the CURRENT
 * version; a malformed value, an unknown version, or one no longer served on the emulator's date
 * answers 406 `NoSuchVersion`, as SCP's gateway does. The header's pattern and the versions by
 * number are read once from the manifest; whether a version is served is judged per request.
 */
import { findVersion, isServed, type Manifest, type VersionEntry } from '@scp-ske/spec';
import type { ErrorAnswer } from './envelope.js';

const noSuchVersion = (detail: string): ErrorAnswer => ({ status: 406, code: 'NoSuchVersion', detail: [detail] });

export type VersionSelector = (header: string | undefined, at: Date) => VersionEntry | ErrorAnswer;

export function createVersionSelector(manifest: Manifest): VersionSelector {
  const current = findVersion(manifest, manifest.current) as VersionEntry;
  const pattern = new RegExp(`^${manifest.service} (\\d+\\.\\d+)$`);
  const byNumber = new Map(manifest.versions.map((entry) => [entry.version, entry]));
  // The header values the pattern reads as a known version, each to that version.
  const byHeader = new Map<string, VersionEntry>();
  for (const entry of manifest.versions) {
    const number = pattern.exec(entry.apiVersion)?.[1];
    const read = number === undefined ? undefined : byNumber.get(number);
    if (read !== undefined) byHeader.set(entry.apiVersion, read);
  }
  const known = manifest.versions.map((candidate) => candidate.apiVersion).join(', ');
  /** The version a header names (its exact `apiVersion` at once, else read by the pattern), or a 406. */
  const named = (header: string): VersionEntry | ErrorAnswer => {
    const exact = byHeader.get(header);
    if (exact !== undefined) return exact;
    const asked = header.trim();
    const match = pattern.exec(asked);
    if (!match) {
      return noSuchVersion(
        `Scp-Api-Version must be "${manifest.service} <major>.<minor>", e.g. "${manifest.service} ${manifest.current}".`,
      );
    }
    return byNumber.get(match[1] as string) ?? noSuchVersion(`${asked} is not a version of this service (${known}).`);
  };
  return (header, at) => {
    if (header === undefined) return current;
    const entry = named(header);
    if ('status' in entry) return entry;
    if (!isServed(entry, at)) {
      return noSuchVersion(
        `${entry.apiVersion} is ${entry.state} and no longer served since ${entry.notBefore}; use ${manifest.service} ${manifest.current}.`,
      );
    }
    return entry;
  };
}
