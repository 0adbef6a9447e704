/**
 * Whether a received text is the base64 of some bytes (standard alphabet, `=` padded, as
 * `Buffer#toString('base64')` writes it), compared in constant time like `crypto.timingSafeEqual`:
 * every character is compared whatever the ones before it, so the time taken says nothing about
 * how much of a forged signature was right. Only a wrong length answers early (the length is public).
 * Nothing is allocated: no base64 string of the bytes, no Buffer of the text.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const CODES = Uint8Array.from(ALPHABET, (character) => character.charCodeAt(0));
const PAD = '='.charCodeAt(0);

/** The character code of base64 digit `index` (0…63). */
const code = (index: number) => CODES[index & 63] as number;

export function matchesBase64(received: string, bytes: Uint8Array): boolean {
  const length = bytes.length;
  if (received.length !== Math.ceil(length / 3) * 4) return false;
  let difference = 0;
  let at = 0;
  for (let i = 0; i < length; i += 3) {
    const first = bytes[i] as number;
    const second = i + 1 < length ? (bytes[i + 1] as number) : 0;
    const third = i + 2 < length ? (bytes[i + 2] as number) : 0;
    difference |= received.charCodeAt(at) ^ code(first >> 2);
    difference |= received.charCodeAt(at + 1) ^ code(((first & 3) << 4) | (second >> 4));
    difference |= received.charCodeAt(at + 2) ^ (i + 1 < length ? code(((second & 15) << 2) | (third >> 6)) : PAD);
    difference |= received.charCodeAt(at + 3) ^ (i + 2 < length ? code(third & 63) : PAD);
    at += 4;
  }
  return difference === 0;
}
