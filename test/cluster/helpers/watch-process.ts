// The CLI's --watch mode as a child process: its output split into blocks, its memory, Ctrl-C.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitWatchBlocks } from '../../../src/cli/watch-frame.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = path.join(root, 'bin', 'kubectl-svc_explain');
const env = () => ({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', KUBECONFIG: '' });

export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to the end without blocking this process (test proxies live in it). */
export function runCli(args: string[], kubeconfig: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args, '--kubeconfig', kubeconfig], { env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** A running `… --watch`. */
export interface WatchProcess {
  pid: number;
  blocks(): string[];
  stderr(): string;
  /** Resident memory of the process now, in KiB (from /proc). */
  rssKiB(): number;
  /** Sends SIGINT (Ctrl-C) and waits for the exit. */
  interrupt(): Promise<CliRun>;
  /**
   * Live JS heap right after a full garbage collection, in KiB, from a heap snapshot that node writes
   * on SIGUSR2 (only with `heapSnapshots`): all of it, and its data (everything but compiled code,
   * which grows as the JIT optimises more functions). Unlike RSS it does not move with the
   * allocator's or V8's spare pages, so growth in the data is memory the process keeps.
   */
  heapAfterGc(): Promise<HeapFigures>;
}

/** Sizes from one heap snapshot, in KiB. */
export interface HeapFigures {
  totalKiB: number;
  dataKiB: number;
}

/** Options of a watch process. */
export interface WatchOptions {
  /** A directory for the heap snapshots heapAfterGcKiB() asks for; they are removed once measured unless `keepSnapshots`. */
  heapSnapshots?: string;
  keepSnapshots?: boolean;
}

/** Starts `args` with --watch, output to a pipe (so one block per change). */
export function startWatch(args: string[], kubeconfig: string, options: WatchOptions = {}): WatchProcess {
  const dir = options.heapSnapshots;
  const nodeFlags = dir ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`] : [];
  const child = spawn(process.execPath, [...nodeFlags, bin, ...args, '--watch', '--kubeconfig', kubeconfig], { env: env() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<CliRun>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return {
    pid: child.pid as number,
    blocks: () => splitWatchBlocks(stdout),
    stderr: () => stderr,
    rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN),
    interrupt: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(killer);
      return result;
    },
    heapAfterGc: async () => {
      if (!dir) throw new Error('startWatch was not given a heapSnapshots directory');
      const before = new Set(fs.readdirSync(dir));
      child.kill('SIGUSR2');
      const file = await snapshotWritten(dir, before);
      const figures = heapSnapshotFigures(fs.readFileSync(file, 'utf8'));
      if (!options.keepSnapshots) fs.rmSync(file);
      return figures;
    },
  };
}

/** Waits for the new .heapsnapshot in dir to be complete (node writes it in pieces); 60 s at most. */
async function snapshotWritten(dir: string, before: Set<string>): Promise<string> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const name = fs.readdirSync(dir).find((entry) => entry.endsWith('.heapsnapshot') && !before.has(entry));
    if (!name) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (text.trimEnd().endsWith('}')) {
      try {
        JSON.parse(text);
        return path.join(dir, name);
      } catch {
        // Still being written.
      }
    }
  }
  throw new Error('the watch process wrote no heap snapshot within 60 s');
}

/** The sums of the objects' own sizes in a V8 heap snapshot: the live heap after the GC the snapshot starts with. */
export function heapSnapshotFigures(text: string): HeapFigures {
  const snapshot = JSON.parse(text) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const [type, selfSize] = [fields.indexOf('type'), fields.indexOf('self_size')];
  const code = snapshot.snapshot.meta.node_types[0].indexOf('code');
  let total = 0;
  let data = 0;
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    total += snapshot.nodes[i + selfSize];
    if (snapshot.nodes[i + type] !== code) data += snapshot.nodes[i + selfSize];
  }
  return { totalKiB: total / 1024, dataKiB: data / 1024 };
}
