import { describe, expect, it } from 'vitest';
import { WRITE_CHUNK, writeInChunks } from '../../../src/cli/io.js';

function chunksOf(text: string): string[] {
  const chunks: string[] = [];
  writeInChunks({ write: (chunk: string) => chunks.push(chunk) }, text);
  return chunks;
}

describe('writeInChunks', () => {
  it('writes a short text in one write, unsliced', () => {
    expect(chunksOf('Service shop/web\n')).toEqual(['Service shop/web\n']);
  });

  it('writes a long text in slices that join to it', () => {
    const text = 'x'.repeat(WRITE_CHUNK * 2 + 5);
    const chunks = chunksOf(text);
    expect(chunks.map((chunk) => chunk.length)).toEqual([WRITE_CHUNK, WRITE_CHUNK, 5]);
    expect(chunks.join('')).toBe(text);
  });

  it('never splits a surrogate pair across two writes, so each slice encodes to valid UTF-8', () => {
    const text = `${'x'.repeat(WRITE_CHUNK - 1)}😀${'y'.repeat(10)}`;
    const chunks = chunksOf(text);
    expect(chunks[0].endsWith('😀')).toBe(true);
    expect(chunks.join('')).toBe(text);
    expect(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))).toString()).toBe(text);
  });
});
