import { escapeForTerminal } from '../render/terminal-safe.js';
import { SvcExplainError } from '../errors.js';
import type { KubeApi } from '../sources/cluster/kube-api.js';
import { ResourceWatch } from '../sources/cluster/watch-resource.js';
import type { WatchTarget } from '../sources/cluster/watch-targets.js';
import type { CliIo } from './io.js';
import { watchFrame } from './watch-frame.js';

/** Changes closer together than this are drawn once (a rollout touches a Pod, its slice and its Endpoints together). */
const SETTLE_MS = 150;

export interface WatchLoopOptions {
  api: KubeApi;
  targets: WatchTarget[];
  /** Reads the cluster and renders the view, exactly as the command does without --watch. */
  render: () => Promise<string>;
  io: CliIo;
  /** Resolves when the user asks to stop (Ctrl-C). */
  stop: Promise<unknown>;
}

/**
 * Keeps a view current: watches the targets, re-reads and re-renders after changes, and writes the
 * view only when it changed. The first read fails like the command does; later errors are shown as
 * the view (the watch keeps trying), so a cluster that goes away and comes back is followed.
 */
export async function runWatchLoop(options: WatchLoopOptions): Promise<void> {
  const { io } = options;
  let dirty = false;
  let drawing: Promise<void> | null = null;
  let last: string | null = null;
  let stopped = false;
  let fail: (error: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => undefined);
  let anchored = false;
  const draw = async (view: string) => {
    if (view === last || stopped) return;
    io.stdout.write(watchFrame(view, { tty: io.stdout.isTTY === true, first: last === null, now: new Date() }));
    last = view;
  };
  const redraw = async () => {
    while (dirty && !stopped) {
      dirty = false;
      await draw(await options.render().catch((error: unknown) => {
        if (error instanceof SvcExplainError) return `svc-explain: ${error.message}\n`;
        throw error;
      }));
    }
    drawing = null;
  };
  const schedule = () => {
    dirty = true;
    if (!anchored) return;
    drawing ??= new Promise((resolve) => setTimeout(resolve, SETTLE_MS)).then(redraw).catch(fail);
  };
  const watches = options.targets.map((target) => new ResourceWatch(options.api, target, schedule, (note) => io.stderr.write(`svc-explain: ${escapeForTerminal(note)}\n`)));
  try {
    // Anchor every watch before the first read, so no change between the read and the watch is lost.
    await Promise.all(watches.map((watch) => watch.start()));
    // The first read fails the command as it would without --watch; changes meanwhile are drawn after it, never before.
    anchored = true;
    drawing = options.render().then(draw);
    await drawing;
    drawing = null;
    if (dirty) schedule();
    await Promise.race([options.stop, failed]);
  } finally {
    stopped = true;
    for (const watch of watches) watch.stop();
    options.api.close();
  }
  await drawing;
}

/** Resolves on the first Ctrl-C (SIGINT) or SIGTERM: --watch ends cleanly, exit 0. */
export function untilInterrupted(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
