/** How one rendered view is written in --watch mode. */
export interface FrameOptions {
  /** A terminal: redraw in place. Otherwise: append one block per change. */
  tty: boolean;
  /** The first frame on a terminal clears the screen. */
  first: boolean;
  now: Date;
}

/** The header of every block written to a pipe or file; a block runs until the next one. */
export const BLOCK_HEADER = '--- svc-explain --watch';

/**
 * The bytes that show `view` in --watch mode. Pure. On a terminal: cursor home, each line cleared to
 * its end, the rest of the screen cleared, so the view is redrawn in place without flicker. Elsewhere:
 * a header line with the time, then the view, so logs keep every state.
 */
export function watchFrame(view: string, options: FrameOptions): string {
  const time = options.now.toISOString();
  if (!options.tty) return `${BLOCK_HEADER} ${time}\n${view}`;
  const lines = `svc-explain --watch · ${time} · Ctrl-C to stop\n\n${view}`.replace(/\n/g, '\x1b[K\n');
  return `${options.first ? '\x1b[2J' : ''}\x1b[H${lines}\x1b[J`;
}

/** Splits --watch output written to a pipe back into its views, oldest first (for tests and scripts). */
export function splitWatchBlocks(output: string): string[] {
  return output
    .split(new RegExp(`^${BLOCK_HEADER} .*\\n`, 'm'))
    .slice(1);
}
