import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The repository root, and its package version (the release tag is v<version>). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** The folder the global setup built the release into. */
export function releaseDir(): string {
  return inject('releaseDir');
}

/** The release file of a platform: kubectl-svc_explain-v<version>-<os>-<arch>.tar.gz (or .zip). */
export function archivePath(id: string): string {
  return path.join(releaseDir(), `kubectl-svc_explain-v${VERSION}-${id}.${id.startsWith('windows') ? 'zip' : 'tar.gz'}`);
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program to completion with extra environment; never through a shell. */
export function run(command: string, args: string[], env: Record<string, string> = {}, cwd = ROOT): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 170_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `lint examples/` from the checkout: what every installed build must print too. */
export function checkoutLint(): Run {
  return run(process.execPath, [path.join(ROOT, 'bin/kubectl-svc_explain'), 'lint', 'examples/']);
}
