// The release's npm tarball (esbuild bundle, no dependencies) installed with npm into an empty
// prefix with --offline, so nothing can come from a registry; then run through kubectl.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { checkoutLint, releaseDir, run, VERSION } from './release-helpers.js';

let prefix: string;
let env: Record<string, string>;

beforeAll(() => {
  prefix = mkdtempSync(path.join(tmpdir(), 'svc-explain-npm-prefix-'));
  const tarball = path.join(releaseDir(), `kubectl-svc-explain-${VERSION}.tgz`);
  const install = run('npm', ['install', '--global', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball]);
  if (install.code !== 0) throw new Error(`npm install failed:\n${install.stderr}`);
  env = { PATH: `${path.join(prefix, 'bin')}${path.delimiter}${process.env.PATH}` };
});

it('installs only itself: no dependencies to fetch', () => {
  expect(readdirSync(path.join(prefix, 'lib', 'node_modules'))).toEqual(['kubectl-svc-explain']);
  expect(readdirSync(path.join(prefix, 'bin')).sort()).toEqual(['kubectl-svc_explain', 'kubectl_complete-svc_explain']);
});

it('kubectl plugin list finds it, and kubectl svc-explain runs it', () => {
  const list = run('kubectl', ['plugin', 'list'], env);
  expect(list.stdout).toContain(path.join(prefix, 'bin', 'kubectl-svc_explain'));
  expect(run('kubectl', ['svc-explain', '--version'], env).stdout).toBe(`${VERSION}\n`);
  const lint = run('kubectl', ['svc-explain', 'lint', 'examples/'], env);
  expect(lint).toEqual(checkoutLint());
  expect(lint.stdout).toContain('services');
});

it('kubectl completes it through the installed kubectl_complete-svc_explain', () => {
  const completion = run('kubectl', ['__complete', 'svc-explain', 'check', '--color', ''], env);
  expect(completion.stdout).toBe('auto\nalways\nnever\n:4\n');
});
