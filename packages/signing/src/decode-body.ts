/**
 * The body of an answer a server compressed although asked not to, decoded as fetch decodes it
 * (gzip, x-gzip, deflate, br); another coding is read as it is. Loaded only when such an answer
 * arrives, with node:zlib; it imports nothing else, so that it stays a chunk of its own.
 */
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

const DECODERS = new Map<string, (data: Buffer) => Buffer>([
  ['gzip', gunzipSync],
  ['x-gzip', gunzipSync],
  ['deflate', inflateSync],
  ['br', brotliDecompressSync],
]);

/** `data` decoded by `coding` (a `Content-Encoding` value), as UTF-8 text; throws (a zlib error) when it does not decode. */
export function decodeBody(coding: string, data: Buffer): string {
  const decode = DECODERS.get(coding.toLowerCase());
  return (decode ? decode(data) : data).toString('utf8');
}
