/**
 * The body of an answer a server compressed although asked not to, decoded as fetch decodes it
 * (gzip, x-gzip, deflate, br, and several of them in turn; another coding is read as it is), as a
 * stream: the reader counts decoded bytes and stops the decoders at its limit, so that a small
 * compressed answer that expands without end (a "zip bomb") is never held whole. Loaded only when
 * such an answer arrives, with node:zlib and node:stream; it imports nothing else, so that it stays a
 * chunk of its own.
 */
import { pipeline, type Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** The decoder of one coding, as fetch knows them; undefined for another. */
function decoderOf(coding: string): (() => Transform) | undefined {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip;
    case 'deflate':
      return createInflate;
    case 'br':
      return createBrotliDecompress;
  }
  return undefined;
}

/**
 * `body` decoded by `coding` (a `Content-Encoding` value): several codings (`gzip, br`) are undone
 * last first; when one of them is unknown, `body` itself, read as it is (as fetch does). A body that
 * does not decode is reported to `onError` (a zlib error, `Z_DATA_ERROR`). Destroying the returned
 * stream stops every decoder.
 */
export function decodedBody(body: Readable, coding: string, onError: (error: Error) => void): Readable {
  const decoders = coding
    .toLowerCase()
    .split(',')
    .map((name) => decoderOf(name.trim()));
  if (decoders.some((decoder) => decoder === undefined)) return body;
  const steps = decoders.reverse().map((decoder) => (decoder as () => Transform)());
  return pipeline([body, ...steps], (error) => {
    if (error) onError(error);
  }) as unknown as Readable;
}
