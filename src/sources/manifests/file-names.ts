/**
 * File names as the file system has them (bytes) and as messages show them. A name that is not
 * valid UTF-8 is read through its bytes, and shown with each invalid byte as `\xNN`, so such a file
 * is linted like any other instead of failing the directory with "no such file".
 */

const strict = new TextDecoder('utf-8', { fatal: true });

function decodes(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The name to show for a path given as bytes: UTF-8 where it is, `\xNN` for every byte that is not. */
export function displayName(bytes: Buffer): string {
  if (decodes(bytes)) return bytes.toString('utf8');
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    // The longest valid UTF-8 sequence (1 to 4 bytes) that starts here, else one escaped byte.
    let length = Math.min(4, bytes.length - i);
    while (length > 0 && !decodes(bytes.subarray(i, i + length))) length -= 1;
    if (length === 0) {
      text += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      text += bytes.subarray(i, i + length).toString('utf8');
      i += length;
    }
  }
  return text;
}

/** The path to open: the string itself when the name is valid UTF-8, else its bytes. */
export function openablePath(bytes: Buffer): string | Buffer {
  return decodes(bytes) ? bytes.toString('utf8') : bytes;
}
