import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSeeds, makeMutant, random, ROOT, type MutationClass } from './mutants.js';

/**
 * Runs mutants through the real CLI, many per process but each with its own result: a batch is one
 * directory with one mutant per file, linted at once. Exit 0 or 1 answers for every file in it; exit 2
 * must name a file, which is that mutant's answer, and the rest is linted again without it. A batch
 * that breaks a rule is re-run file by file, so every failure names its mutant.
 */

const BIN = join(ROOT, 'bin/kubectl-svc_explain');
const FORMATS = [['-o', 'table'], ['-o', 'wide'], ['-q', '--fail-on', 'info'], ['-o', 'json'], ['-o', 'sarif'], ['-o', 'junit']];

export interface FuzzOptions {
  mutants: number;
  seed: number;
  classes: readonly MutationClass[];
  batchSize?: number;
  parallel?: number;
  timeoutMs?: number;
}

export interface Failure {
  file: string;
  classes: MutationClass[];
  why: string;
  stderr: string;
}

export interface FuzzResult {
  mutants: number;
  processes: number;
  byExit: Record<string, number>;
  failures: Failure[];
  directory: string;
}

interface Run {
  code: number | null;
  stderr: string;
  timedOut: boolean;
}

function runCli(args: string[], cwd: string, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'lint', ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', SVC_EXPLAIN_DEBUG: '' } });
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, timedOut });
    });
  });
}

/** Why a run breaks the rules, or null: exit outside 0/1/2, a stack trace or internal error, a time-out, an exit 2 naming no file. */
export function brokenRule(run: Run, files: readonly string[]): string | null {
  if (run.timedOut) return 'time-out';
  if (run.code === null || ![0, 1, 2].includes(run.code)) return `exit ${run.code}`;
  if (/internal error/i.test(run.stderr)) return 'internal error';
  if (/^\s+at .+[:(]\d+:\d+\)?$/m.test(run.stderr) || /^(\w*Error|Warning|\(node:\d+\))/m.test(run.stderr)) return 'stack trace or warning on stderr';
  if (run.code === 2 && !files.some((file) => run.stderr.includes(file))) return 'exit 2 without a file name';
  return null;
}

/** Generates the mutants into batch directories and runs them; returns counts and the failures. */
export async function fuzzCli(options: FuzzOptions): Promise<FuzzResult> {
  const { mutants, seed, classes, batchSize = 40, parallel = 2, timeoutMs = 60_000 } = options;
  const seeds = loadSeeds();
  const next = random(seed);
  const directory = mkdtempSync(join(tmpdir(), 'svc-explain-fuzz-'));
  const mutantClasses = new Map<string, MutationClass[]>();
  const batches: string[] = [];
  for (let i = 0; i < mutants; i += 1) {
    if (i % batchSize === 0) {
      batches.push(join(directory, `batch-${String(batches.length).padStart(4, '0')}`));
      mkdirSync(batches[batches.length - 1]);
    }
    const source = seeds[Math.floor(next() * seeds.length)];
    const mutant = makeMutant(source, classes, next);
    const file = `m${String(i).padStart(6, '0')}.${mutant.json ? 'json' : 'yaml'}`;
    writeFileSync(join(batches[batches.length - 1], file), mutant.text);
    mutantClasses.set(file, [...mutant.classes]);
  }

  const result: FuzzResult = { mutants, processes: 0, byExit: {}, failures: [], directory };
  const count = (code: number | null, n = 1) => (result.byExit[String(code)] = (result.byExit[String(code)] ?? 0) + n);
  const fail = (file: string, why: string, stderr: string) => result.failures.push({ file, classes: mutantClasses.get(file) ?? [], why, stderr: stderr.slice(0, 500) });

  const runBatch = async (batch: string, index: number) => {
    const format = FORMATS[index % FORMATS.length];
    let files = readdirSync(batch).sort();
    while (files.length > 0) {
      const run = await runCli([...format, '.'], batch, timeoutMs);
      result.processes += 1;
      const broken = brokenRule(run, files);
      if (broken === null && run.code !== 2) {
        count(run.code, files.length);
        return;
      }
      const named = broken === null ? files.find((file) => run.stderr.includes(file)) : undefined;
      if (named) {
        count(2);
        rmSync(join(batch, named));
        files = files.filter((file) => file !== named);
        continue;
      }
      // Not attributable to one file: each mutant on its own process.
      for (const file of files) {
        const single = await runCli([...format, file], batch, timeoutMs);
        result.processes += 1;
        const why = brokenRule(single, [file]);
        if (why) fail(file, why, single.stderr);
        else count(single.code);
      }
      return;
    }
  };

  let cursor = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (cursor < batches.length) {
        const index = cursor++;
        await runBatch(batches[index], index);
      }
    }),
  );
  return result;
}
