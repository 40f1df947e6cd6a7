import { once } from 'node:events';
import { ExitCode } from '../errors.js';

/** Where a run reads and writes; main() gets it from the bin script, tests pass their own. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The part of a stream main() uses: writes of the finished output (in slices), and whether it is a terminal. */
export interface TextSink {
  /** false when the stream's buffer is full (a pipe whose reader is slower): main() then waits for 'drain'. */
  write(text: string): unknown;
  /** Streams that can be full are event emitters (process.stdout); a sink without it is never waited for. */
  once?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  isTTY?: boolean;
  /** A terminal's width in columns (process.stdout.columns); table output wraps to it. */
  columns?: number;
}

/** Large outputs are written in slices of this many UTF-16 units, so no second copy of the whole report exists as bytes. */
export const WRITE_CHUNK = 1 << 20;

/**
 * Writes the output in slices of WRITE_CHUNK (never between the two halves of a surrogate pair),
 * waiting for 'drain' whenever the stream's buffer is full: a pipe to a slower reader would otherwise
 * queue the whole report as bytes (a 25 MB report costs 1 MB of bytes at a time, not 25; a 300 MB
 * one, not 300). Pieces (TextParts) are made only as the stream takes them.
 */
export async function writeOutput(stream: TextSink, output: string | Iterable<string>): Promise<void> {
  // An error while the output is written (EPIPE, ENOSPC) is thrown here, so main() maps it with the run's
  // exit code; the entry point's own handler leaves it alone meanwhile (isBeingWritten).
  let failure: unknown;
  const onError = (error: unknown) => {
    failure ??= error;
  };
  const emitter = isEmitter(stream) ? stream : undefined;
  emitter?.on('error', onError);
  beingWritten.add(stream);
  const write = async (text: string) => {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + WRITE_CHUNK, text.length);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
      const accepted = stream.write(end - start === text.length ? text : text.slice(start, end));
      start = end;
      if (accepted === false && emitter) await drained(emitter);
      if (failure !== undefined) throw failure;
    }
  };
  try {
    // Small pieces are joined, so a small report is one write and a large one a write per WRITE_CHUNK.
    let pending = '';
    for (const part of typeof output === 'string' ? [output] : output) {
      pending += part;
      if (pending.length < WRITE_CHUNK) continue;
      await write(pending);
      pending = '';
    }
    await write(pending);
  } finally {
    emitter?.off('error', onError);
    beingWritten.delete(stream);
  }
}

/** The streams writeOutput is writing to now. */
const beingWritten = new WeakSet<TextSink>();

/** True while writeOutput writes to the stream: an error on it is writeOutput's to report, not the entry point's. */
export function isBeingWritten(stream: TextSink): boolean {
  return beingWritten.has(stream);
}

function isEmitter(stream: TextSink): stream is TextSink & NodeJS.EventEmitter {
  return typeof stream.once === 'function';
}

/** Resolves when the stream has room again or has closed; rejects with the stream's error (EPIPE, ENOSPC). */
async function drained(stream: NodeJS.EventEmitter): Promise<void> {
  const controller = new AbortController();
  try {
    await Promise.race([once(stream, 'drain', { signal: controller.signal }), once(stream, 'close', { signal: controller.signal })]);
  } finally {
    // The other wait is dropped with its listeners, so thousands of waits leave none behind.
    controller.abort();
  }
}

/**
 * What to do when standard output fails: a reader that stops early (`| head`, EPIPE) is not an
 * error and keeps the run's exit code; any other failure (a full disk, /dev/full) is one line on
 * standard error and exit 74, so CI never mistakes a lost report for a passing or failing one.
 */
export function outputFailure(error: NodeJS.ErrnoException, stderr: TextSink, exitCode: number | undefined): number {
  if (error.code === 'EPIPE') return exitCode ?? 0;
  stderr.write(`svc-explain: cannot write the output: ${error.code ?? 'error'}: ${error.message.replace(/^\w+: /, '').split('\n')[0]}\n`);
  return ExitCode.output;
}
