import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readFileBytes, readStreamBytes } from '../../../src/sources/manifests/read-input-bytes.js';

const dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-read-'));

describe('reading one input, at most a limit of bytes', () => {
  it('reads a file whole up to the limit and refuses one byte more, naming it', () => {
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'x'.repeat(100));
    expect(readFileBytes(file, 'a.yaml', 100).length).toBe(100);
    expect(() => readFileBytes(file, 'a.yaml', 99)).toThrow(/^a\.yaml: more than 99 bytes, the most svc-explain reads from one input/);
  });

  it('reads a device in slices until the limit instead of forever', () => {
    expect(() => readFileBytes('/dev/zero', '/dev/zero', 3 * 2 ** 20)).toThrow(/^\/dev\/zero: more than 3 MiB/);
    expect(readFileBytes('/dev/null', '/dev/null').length).toBe(0);
  });

  it('names a missing file and a directory', () => {
    expect(() => readFileBytes(path.join(dir, 'none.yaml'), 'none.yaml')).toThrow(/^none\.yaml: no such file or directory$/);
    expect(() => readFileBytes(dir, 'dir')).toThrow(/^dir: is a directory$/);
  });

  it('reads a stream up to the limit and refuses more', async () => {
    const chunks = () => Readable.from([Buffer.from('abc'), 'def', Buffer.from('g')]);
    expect(Buffer.from(await readStreamBytes(chunks(), '<stdin>', 7)).toString()).toBe('abcdefg');
    await expect(readStreamBytes(chunks(), '<stdin>', 6)).rejects.toThrow(/^<stdin>: more than 6 bytes/);
  });

  it('allows what Node can hold as one string', () => {
    expect(MAX_INPUT_BYTES).toBeGreaterThanOrEqual(2 ** 28);
  });
});
