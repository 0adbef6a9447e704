/**
 * Picks the API version of a request from `Scp-Api-Version` (`ske 1.3`): no header means the CURRENT
 * version; a malformed value, an unknown version, or one no longer served on the emulator's date
 * answers 406 `NoSuchVersion`, as SCP's gateway does.
 */
import { findVersion, isServed, type Manifest, type VersionEntry } from '@scp-ske/spec';
import type { ErrorAnswer } from './envelope.js';

const noSuchVersion = (detail: string): ErrorAnswer => ({ status: 406, code: 'NoSuchVersion', detail: [detail] });

export function selectVersion(manifest: Manifest, header: string | undefined, at: Date): VersionEntry | ErrorAnswer {
  if (header === undefined) return findVersion(manifest, manifest.current) as VersionEntry;
  const match = new RegExp(`^${manifest.service} (\\d+\\.\\d+)$`).exec(header.trim());
  if (!match) {
    return noSuchVersion(
      `Scp-Api-Version must be "${manifest.service} <major>.<minor>", e.g. "${manifest.service} ${manifest.current}".`,
    );
  }
  const entry = findVersion(manifest, match[1] as string);
  if (!entry) {
    const known = manifest.versions.map((candidate) => candidate.apiVersion).join(', ');
    return noSuchVersion(`${header.trim()} is not a version of this service (${known}).`);
  }
  if (!isServed(entry, at)) {
    return noSuchVersion(
      `${entry.apiVersion} is ${entry.state} and no longer served since ${entry.notBefore}; use ${manifest.service} ${manifest.current}.`,
    );
  }
  return entry;
}
