import { isUtf8 } from 'node:buffer';
import { InputError } from '../../errors.js';
import { firstInvalidUtf8 } from './go-strings.js';

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
  } catch {
    throw new InputError(`${file}: not valid ${encoding.toUpperCase()} although it starts with that byte-order mark`);
  }
}

/**
 * A manifest file's bytes as text, read the way Kubernetes' YAML reader accepts them: UTF-8 (a BOM
 * is kept as U+FEFF: it changes how the first line is read), or UTF-16 with a byte-order mark.
 * Anything else is an InputError naming the line.
 */
export function decodeManifestBytes(bytes: Uint8Array, file: string): string {
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) || (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00)) {
    throw new InputError(`${file}: UTF-32 text is not supported: save the file as UTF-8`);
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeUtf16(bytes, 'utf-16le', file);
  if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, 'utf-16be', file);
  const body = bytes;
  if (isUtf8(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let zeros = 0;
  for (let i = 0; i < Math.min(body.length, 4096); i += 1) if (body[i] === 0) zeros += 1;
  if (zeros > Math.min(body.length, 4096) / 4) {
    throw new InputError(`${file}: looks like UTF-16 without a byte-order mark: save the file as UTF-8`);
  }
  const offset = firstInvalidUtf8(body);
  const byte = body[offset].toString(16).toUpperCase().padStart(2, '0');
  throw new InputError(`${file}:${lineAt(body, offset)}: not valid UTF-8 (byte 0x${byte}): save the file as UTF-8`);
}
