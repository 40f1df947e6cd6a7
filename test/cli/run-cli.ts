import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Runs the real kubectl plugin script as a child process, the way kubectl does. */

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'test/cli/fixtures');
const BIN = path.join(ROOT, 'bin/kubectl-svc_explain');

/** Whether every .ts file under src/ has a dist/ output at least as new (then tsc has nothing to do). */
function distIsFresh(): boolean {
  const src = path.join(ROOT, 'src');
  return readdirSync(src, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .every((file) => {
      const out = path.join(ROOT, 'dist', file.replace(/\.ts$/, '.js'));
      return existsSync(out) && statSync(out).mtimeMs >= statSync(path.join(src, file)).mtimeMs;
    });
}

/**
 * Compiles src/ to dist/ once per test file unless dist/ is already current (test files run in
 * parallel: a needless rebuild rewrites files another one is loading); type errors elsewhere in the
 * tree do not stop the emit.
 */
export function buildOnce(): void {
  if (distIsFresh()) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.json')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch {
    // tsc exits non-zero on any type error but still writes dist/; the check below is what matters.
  }
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) throw new Error('build failed: dist/cli/main.js is missing');
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { input?: string | Uint8Array; env?: Record<string, string>; cwd?: string } = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of ['NO_COLOR', 'FORCE_COLOR', 'SVC_EXPLAIN_DEBUG']) if (!(options.env && name in options.env)) delete env[name];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? FIXTURES,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
