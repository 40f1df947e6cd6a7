import { constants } from 'node:buffer';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../../errors.js';

/**
 * The most bytes read from one input: the longest string Node holds (512 MiB on Node 20), so any
 * input read decodes to text. Far beyond any manifest (the API server takes 3 MiB per request);
 * above it, a file would end in "Cannot create a string longer than ..." and /dev/zero would never end.
 */
export const MAX_INPUT_BYTES = constants.MAX_STRING_LENGTH;

/** Reads of a FIFO or device go in slices this large. */
const SLICE = 1 << 20;

function tooLarge(name: string, limit: number): InputError {
  const size = limit >= 2 ** 20 ? `${(limit / 2 ** 20).toFixed(0)} MiB` : `${limit} bytes`;
  return new InputError(`${name}: more than ${size}, the most svc-explain reads from one input: split it into several files`);
}

function readError(name: string, error: NodeJS.ErrnoException): InputError {
  const reason = error.code === 'EISDIR' ? 'is a directory' : error.code === 'ENOENT' ? 'no such file or directory' : error.message;
  return new InputError(`${name}: ${reason}`);
}

/**
 * The bytes of a file, or of a FIFO or device named as one (`lint <(helm template .)`), at most
 * `limit` of them: a regular file's size is checked before reading, anything else is read in slices
 * until its end or the limit. Errors name the file.
 */
export function readFileBytes(path: string | Buffer, name: string, limit = MAX_INPUT_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw readError(name, error as NodeJS.ErrnoException);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new InputError(`${name}: is a directory`);
    if (info.isFile()) {
      if (info.size > limit) throw tooLarge(name, limit);
      // One synchronous read per file costs less CPU than a promise chain per file, and a CLI has nothing else to do meanwhile.
      const bytes = readFileSync(fd);
      if (bytes.length > limit) throw tooLarge(name, limit);
      return bytes;
    }
    const slices: Buffer[] = [];
    let total = 0;
    for (;;) {
      const slice = Buffer.allocUnsafe(SLICE);
      const read = readSync(fd, slice, 0, SLICE, null);
      if (read === 0) break;
      total += read;
      if (total > limit) throw tooLarge(name, limit);
      slices.push(read === SLICE ? slice : slice.subarray(0, read));
    }
    return Buffer.concat(slices, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw readError(name, error as NodeJS.ErrnoException);
  } finally {
    closeSync(fd);
  }
}

/** A whole stream's bytes (standard input for the path `-`), at most `limit` of them. */
export async function readStreamBytes(stream: NodeJS.ReadableStream, name: string, limit = MAX_INPUT_BYTES): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += bytes.length;
    if (total > limit) throw tooLarge(name, limit);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, total);
}
