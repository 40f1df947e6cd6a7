// The npm package of a release: the esbuild bundle and two launchers, no dependencies (everything
// is bundled), so `npm install -g kubectl-svc-explain-<version>.tgz` needs no registry at all.
// The repository's own package.json stays the development package.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_CLIENT, BUNDLE_LOADER, BUNDLE_MAIN } from './bundle.mjs';

/** The launcher of the npm package's bin/, which loads the bundle with a V8 code cache (load-cached.cjs). */
export const LAUNCHER = `#!/usr/bin/env node
// kubectl plugin entry point: \`kubectl svc-explain ARGS\` runs this file with ARGS verbatim.
const { join } = require('node:path');
require(join(__dirname, '../lib/${BUNDLE_LOADER}'))(join(__dirname, '../lib/${BUNDLE_MAIN}'), module);
`;

const COMPLETION_LAUNCHER = `#!/usr/bin/env node
// kubectl (>= 1.26) runs this for \`kubectl svc-explain <TAB>\` with the words after the plugin name.
process.argv.splice(2, 0, '__complete');
const { join } = require('node:path');
require(join(__dirname, '../lib/${BUNDLE_LOADER}'))(join(__dirname, '../lib/${BUNDLE_MAIN}'), module);
`;

/** Lays out the package in dir from the bundle and packs it into out; returns the tarball's name. */
export function npmPackage(root, manifest, bundleDir, dir, out) {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  mkdirSync(join(dir, 'lib'), { recursive: true });
  for (const name of [BUNDLE_MAIN, BUNDLE_CLIENT, BUNDLE_LOADER]) copyFileSync(join(bundleDir, name), join(dir, 'lib', name));
  writeFileSync(join(dir, 'bin', 'kubectl-svc_explain'), LAUNCHER);
  writeFileSync(join(dir, 'bin', 'kubectl_complete-svc_explain'), COMPLETION_LAUNCHER);
  for (const name of ['kubectl-svc_explain', 'kubectl_complete-svc_explain']) chmodSync(join(dir, 'bin', name), 0o755);
  for (const name of ['README.md', 'LICENSE']) copyFileSync(join(root, name), join(dir, name));
  const { name, version, description, license, engines, keywords, homepage, repository } = manifest;
  const bin = { 'kubectl-svc_explain': 'bin/kubectl-svc_explain', 'kubectl_complete-svc_explain': 'bin/kubectl_complete-svc_explain' };
  const packageJson = { name, version, description, license, bin, files: ['bin', 'lib'], engines, keywords, homepage, repository };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(packageJson, null, 2)}\n`);
  const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', out, dir], { encoding: 'utf8' });
  return output.trim().split('\n').pop();
}
