import { isUtf8 } from 'node:buffer';

/** Length of the valid UTF-8 sequence at i, by Go's utf8.DecodeRune rules, or 0 when invalid. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  const inRange = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at] >= low && bytes[at] <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return inRange(i + 1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return inRange(i + 1, low, high) && inRange(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return inRange(i + 1, low, high) && inRange(i + 2) && inRange(i + 3) ? 4 : 0;
  }
  return 0;
}

/**
 * Bytes as the string Go's encoding/json writes for them: each byte that does not start a valid
 * UTF-8 sequence becomes U+FFFD on its own (TextDecoder would merge some of them).
 */
export function decodeGoBytes(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    parts.push(Buffer.from(bytes.subarray(start, i)).toString('utf8'), '\ufffd');
    i += 1;
    start = i;
  }
  parts.push(Buffer.from(bytes.subarray(start)).toString('utf8'));
  return parts.join('');
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}
