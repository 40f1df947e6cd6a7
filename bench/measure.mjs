// Runs one command in a fresh Node process and returns its CPU time, peak RSS and stdout.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOOK = join(import.meta.dirname, 'usage-hook.mjs');

/** CPU (ms, start-up included) and peak RSS (MiB) of `node ARGS`, with its stdout. */
export function measure(args) {
  const dir = mkdtempSync(join(tmpdir(), 'svc-explain-usage-'));
  try {
    const file = join(dir, 'usage.json');
    const run = spawnSync(process.execPath, ['--import', HOOK, ...args], { env: { ...process.env, SVC_EXPLAIN_USAGE_FILE: file }, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr}`);
    return { ...JSON.parse(readFileSync(file, 'utf8')), stdout: run.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The run with the median CPU time of `times` runs (garbage collection moves single runs). */
export function medianOf(times, run) {
  const runs = Array.from({ length: times }, run).sort((a, b) => a.cpuMs - b.cpuMs);
  return runs[Math.floor(times / 2)];
}
