/** Where a run reads and writes; main() gets it from the bin script, tests pass their own. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

/** The part of a stream main() uses: one write of the whole output, and whether it is a terminal. */
export interface TextSink {
  write(text: string): unknown;
  isTTY?: boolean;
  /** A terminal's width in columns (process.stdout.columns); table output wraps to it. */
  columns?: number;
}

/** Reads a whole stream as UTF-8 text (standard input for the `-` path). */
export async function readText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
