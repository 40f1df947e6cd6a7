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
}

/** Starts `args` with --watch, output to a pipe (so one block per change). */
export function startWatch(args: string[], kubeconfig: string): WatchProcess {
  const child = spawn(process.execPath, [bin, ...args, '--watch', '--kubeconfig', kubeconfig], { env: env() });
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
  };
}
