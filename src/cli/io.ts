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
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width in columns (process.stdout.columns); table output wraps to it. */
  columns?: number;
}

/** Large outputs are written in slices of this many UTF-16 units, so no second copy of the whole report exists as bytes. */
export const WRITE_CHUNK = 1 << 20;

/** Writes text in slices (never between the two halves of a surrogate pair): a 25 MB report costs 1 MB of bytes at a time, not 25. */
export function writeInChunks(stream: TextSink, text: string): void {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + WRITE_CHUNK, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    stream.write(end - start === text.length ? text : text.slice(start, end));
    start = end;
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

/** Reads a whole stream as UTF-8 text (standard input for the `-` path). */
export async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
