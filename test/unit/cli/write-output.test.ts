import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WRITE_CHUNK, writeOutput } from '../../../src/cli/io.js';

async function chunksOf(output: string | Iterable<string>): Promise<string[]> {
  const chunks: string[] = [];
  await writeOutput({ write: (chunk: string) => chunks.push(chunk) }, output);
  return chunks;
}

/** A real stream whose reader takes one chunk per turn of the event loop, like a pipe to a slower process. */
function slowStream(): Writable & { received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    decodeStrings: false,
    highWaterMark: 16 * 1024,
    write(chunk: string, _encoding, done) {
      received.push(chunk);
      setImmediate(done);
    },
  });
  return Object.assign(stream, { received });
}

describe('writeOutput', () => {
  it('writes a short text in one write, unsliced', async () => {
    expect(await chunksOf('Service shop/web\n')).toEqual(['Service shop/web\n']);
  });

  it('writes a long text in slices that join to it', async () => {
    const text = 'x'.repeat(WRITE_CHUNK * 2 + 5);
    const chunks = await chunksOf(text);
    expect(chunks.map((chunk) => chunk.length)).toEqual([WRITE_CHUNK, WRITE_CHUNK, 5]);
    expect(chunks.join('')).toBe(text);
  });

  it('never splits a surrogate pair across two writes, so each slice encodes to valid UTF-8', async () => {
    const text = `${'x'.repeat(WRITE_CHUNK - 1)}😀${'y'.repeat(10)}`;
    const chunks = await chunksOf(text);
    expect(chunks[0].endsWith('😀')).toBe(true);
    expect(chunks.join('')).toBe(text);
    expect(Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))).toString()).toBe(text);
  });

  it('joins small pieces into one write and slices large ones, in order', async () => {
    expect(await chunksOf(['{', '"a": 1', '}\n'])).toEqual(['{"a": 1}\n']);
    const chunks = await chunksOf(['a', 'x'.repeat(WRITE_CHUNK + 1), 'b']);
    expect(chunks.map((chunk) => chunk.length)).toEqual([WRITE_CHUNK, 2, 1]);
    expect(chunks.join('')).toBe(`a${'x'.repeat(WRITE_CHUNK + 1)}b`);
  });

  it('waits while a slow reader has a full buffer, so the output never queues up in memory', async () => {
    let queued = 0;
    const stream = slowStream();
    const parts = Array.from({ length: 40 }, (_, i) => String(i % 10).repeat(WRITE_CHUNK / 2));
    const pulled: number[] = [];
    function* lazily() {
      for (const [i, part] of parts.entries()) {
        pulled.push(i);
        queued = Math.max(queued, stream.writableLength);
        yield part;
      }
    }
    await writeOutput(stream, lazily());
    expect(stream.received.join('')).toBe(parts.join(''));
    // Never more than the one slice the stream accepted before it said it was full.
    expect(queued).toBeLessThanOrEqual(WRITE_CHUNK);
    expect(pulled).toHaveLength(40);
  });

  it('rejects with the error of a stream that fails while it waits (EPIPE, ENOSPC)', async () => {
    const stream = new Writable({ highWaterMark: 1, write: () => {} });
    stream.on('error', () => {});
    const writing = writeOutput(stream, ['a', 'b']);
    stream.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    await expect(writing).rejects.toMatchObject({ code: 'EPIPE' });
  });

  it('stops waiting when the stream closes without draining, and leaves no listeners behind', async () => {
    const stream = new Writable({ highWaterMark: 1, write: () => {}, emitClose: true });
    const writing = writeOutput(stream, ['a']);
    stream.destroy();
    await writing;
    expect(stream.listenerCount('drain') + stream.listenerCount('close')).toBe(0);
  });
});
