/**
 * The body of an answer a server compressed although asked not to, decoded as fetch decodes it
 * (gzip, x-gzip, deflate, br, and several of them in turn); another coding is read as it is. Loaded only when such an answer
 * arrives, with node:zlib; it imports nothing else, so that it stays a chunk of its own.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const DECODERS = new Map<string, (data: Buffer) => Buffer>([
  ['gzip', gunzipSync],
  ['x-gzip', gunzipSync],
  ['deflate', inflateSync],
  ['br', brotliDecompressSync],
]);

/**
 * `data` decoded by `coding` (a `Content-Encoding` value), as UTF-8 text; throws (a zlib error) when it
 * does not decode. Several codings (`gzip, br`) are undone last first; when one of them is unknown the
 * bytes are read as they are, as fetch does.
 */
export function decodeBody(coding: string, data: Buffer): string {
  const decoders = coding
    .toLowerCase()
    .split(',')
    .map((name) => DECODERS.get(name.trim()));
  if (decoders.some((decode) => decode === undefined)) return data.toString('utf8');
  return decoders.reduceRight((body, decode) => (decode as (data: Buffer) => Buffer)(body), data).toString('utf8');
}
