// Runs the built plugin (bin/kubectl-svc_explain) as a child process without blocking the test process,
// which may host the proxies the CLI talks through; killed after `timeoutMs` so a hang fails the test.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'kubectl-svc_explain');

/** What one run of the plugin gave: exit status, output, and how long it took. */
export interface PluginRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Spawns the plugin with `args`, colour off and no inherited KUBECONFIG, plus `env`. */
export function runPlugin(args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs: number }): Promise<PluginRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', KUBECONFIG: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(killer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}
