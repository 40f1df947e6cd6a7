// The CLI as the npm package installs it (the esbuild bundle behind the package's launcher, with its
// V8 code cache), built into a scratch directory so benchmarks measure what users run.
import { chmodSync, copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundle, BUNDLE_MAIN } from '../scripts/release/bundle.mjs';
import { LAUNCHER } from '../scripts/release/npm-package.mjs';

const root = resolve(import.meta.dirname, '..');

/**
 * Bundles the sources into `dir` and lays out the npm package's bin/ and lib/ there. Returns the
 * bundle file and the launcher; the launcher keeps its code cache under XDG_CACHE_HOME, which this
 * points into `dir` for the rest of the process (and its children).
 */
export async function buildPackagedCli(dir) {
  await bundle(root, join(dir, 'bundle'));
  mkdirSync(join(dir, 'npm', 'bin'), { recursive: true });
  mkdirSync(join(dir, 'npm', 'lib'));
  for (const name of readdirSync(join(dir, 'bundle'))) copyFileSync(join(dir, 'bundle', name), join(dir, 'npm', 'lib', name));
  const launcher = join(dir, 'npm', 'bin', 'kubectl-svc_explain');
  writeFileSync(launcher, LAUNCHER);
  chmodSync(launcher, 0o755);
  process.env.XDG_CACHE_HOME = join(dir, 'cache');
  return { bundleFile: join(dir, 'bundle', BUNDLE_MAIN), launcher };
}
