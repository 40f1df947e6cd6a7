import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    releaseDir: string;
    krewBin: string;
  }
}

/** Builds the release (all platforms) into a temporary folder, and krew from its Go module. */
export default function setup(project: TestProject): () => void {
  const reuse = process.env.SVC_EXPLAIN_RELEASE_DIR;
  const releaseDir = reuse ? path.resolve(root, reuse) : mkdtempSync(path.join(tmpdir(), 'svc-explain-release-'));
  // The checkout's own build (dist/), which the tests compare the installed builds with.
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
  if (!reuse) execFileSync(process.execPath, [path.join(root, 'scripts/release/release.mjs'), '--out', releaseDir], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (!existsSync(path.join(releaseDir, 'krew-manifest.yaml'))) throw new Error(`no release in ${releaseDir}`);
  const krewBin = execFileSync('bash', [path.join(root, 'scripts/release/build-krew.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop()!;
  project.provide('releaseDir', releaseDir);
  project.provide('krewBin', krewBin);
  return () => {
    if (!reuse) rmSync(releaseDir, { recursive: true, force: true });
  };
}
