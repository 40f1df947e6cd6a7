// What start-up loads: `--help` and `lint` must not load the libraries only other commands need
// (the yaml library: 70 modules, about 35 ms; the Kubernetes client library), since module loading is
// most of their CPU. A CommonJS loader hook in the child records every package it loads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { buildOnce, ROOT } from './run-cli.js';

const HOOK = `
const Module = require('node:module');
const load = Module._load;
const packages = new Set();
Module._load = function (request, parent) {
  try {
    const match = /node_modules[\\\\/]((@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(Module._resolveFilename(request, parent));
    if (match) packages.add(match[1].replace(/\\\\/g, '/'));
  } catch {}
  return load.apply(this, arguments);
};
process.on('exit', () => require('node:fs').writeFileSync(process.env.PACKAGES_FILE, JSON.stringify([...packages].sort())));
`;

let dir: string;
beforeAll(() => {
  buildOnce();
  dir = mkdtempSync(path.join(tmpdir(), 'svc-explain-startup-'));
  writeFileSync(path.join(dir, 'hook.cjs'), HOOK);
});

function packagesLoaded(args: string[]): string[] {
  const file = path.join(dir, `${args.join('-').replace(/\W/g, '_')}.json`);
  try {
    execFileSync(process.execPath, ['--require', path.join(dir, 'hook.cjs'), path.join(ROOT, 'bin/kubectl-svc_explain'), ...args], {
      cwd: ROOT,
      env: { ...process.env, PACKAGES_FILE: file },
      stdio: 'pipe',
    });
  } catch (error) {
    if ((error as { status?: number }).status !== 1) throw error;
  }
  return JSON.parse(readFileSync(file, 'utf8')) as string[];
}

it('--help and lint examples/ load neither the yaml library nor the Kubernetes client library', () => {
  for (const args of [['--help'], ['lint', 'examples/']]) {
    const loaded = packagesLoaded(args);
    expect(loaded, args.join(' ')).toContain('commander');
    expect(loaded, args.join(' ')).not.toContain('yaml');
    expect(loaded, args.join(' ')).not.toContain('@kubernetes/client-node');
  }
});

it('-o yaml loads the yaml library when it needs it', () => {
  expect(packagesLoaded(['lint', '-o', 'yaml', 'examples/'])).toContain('yaml');
});
