/**
 * Names of the files scp-ske keeps beside a file it writes (its lock, temporary file and backups):
 * `<file><suffix>` in the same folder, kept within the 255-byte limit of a file name: a name too
 * long for the suffix is shortened and completed with a hash of the whole name, so that two files
 * never share a lock or a backup.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

const NAME_MAX = 255;

/** Cuts `text` to at most `bytes` UTF-8 bytes without splitting a character. */
function cutToBytes(text: string, bytes: number): string {
  let cut = '';
  for (const character of text) {
    if (Buffer.byteLength(cut + character) > bytes) break;
    cut += character;
  }
  return cut;
}

/** The name `<name><suffix>`, or a shortened `<start>~<hash><suffix>` when that is longer than 255 bytes. */
export function besideName(name: string, suffix: string): string {
  if (Buffer.byteLength(name + suffix) <= NAME_MAX) return name + suffix;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 16);
  return `${cutToBytes(name, NAME_MAX - Buffer.byteLength(suffix) - hash.length - 1)}~${hash}${suffix}`;
}

/** The path of `<file><suffix>` in the folder of `file`. */
export function besidePath(file: string, suffix: string): string {
  return join(dirname(file), besideName(basename(file), suffix));
}
